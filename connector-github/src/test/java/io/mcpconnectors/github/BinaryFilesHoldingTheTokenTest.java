package io.mcpconnectors.github;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkiverse.mcp.server.test.McpAssured.McpError;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A repository file that is not UTF-8 text is served by the contents resource as a blob, which cannot be scrubbed
 * the way text is: one that holds the connector's token (a committed Latin-1 .env) is withheld with an error that
 * says why, while other binary files are served as they are.
 */
@QuarkusTest
@WithTestResource(FakeGithub.class)
class BinaryFilesHoldingTheTokenTest extends McpClientTest {

    @Test
    void aBlobResourceDoesNotCarryTheConnectorsToken() {
        // An error answer, so no content at all: the file cannot be read with the token removed.
        AtomicReference<McpError> refused = new AtomicReference<>();
        client.when().resourcesRead("github://octo-org/web-app/contents/config/legacy.env")
                .withErrorAssert(refused::set).send().thenAssertResults();
        assertNotNull(refused.get());
        String message = refused.get().message();
        assertTrue(message.startsWith("Not returned: github://octo-org/web-app/contents/config/legacy.env is binary"
                + " content that holds a credential of this connector"), message);
        assertFalse(message.contains(FakeGithub.TOKEN), message);
    }

    @Test
    void otherBinaryFilesAreServedWhole() {
        AtomicReference<String> blob = new AtomicReference<>();
        client.when().resourcesRead("github://octo-org/web-app/contents/assets/logo.png",
                r -> blob.set(r.contents().get(0).asBlob().blob())).thenAssertResults();
        assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0, 1 }, Base64.getDecoder().decode(blob.get()));
    }
}
