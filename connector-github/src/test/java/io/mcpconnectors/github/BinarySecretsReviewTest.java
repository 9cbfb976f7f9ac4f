package io.mcpconnectors.github;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Security review (review-security): a repository file that is not UTF-8 text is served by the contents resource as
 * a blob, which the runtime does not scrub; a committed copy of the connector's token in such a file is relayed,
 * where the same file in UTF-8 would have it removed.
 */
@QuarkusTest
@WithTestResource(FakeGithub.class)
class BinarySecretsReviewTest extends McpClientTest {

    @Test
    void aBlobResourceDoesNotCarryTheConnectorsToken() {
        AtomicReference<String> blob = new AtomicReference<>();
        client.when().resourcesRead("github://octo-org/web-app/contents/config/legacy.env",
                r -> blob.set(r.contents().get(0).asBlob().blob())).thenAssertResults();
        String decoded = new String(Base64.getDecoder().decode(blob.get()), StandardCharsets.ISO_8859_1);
        System.out.println("REVIEW blob decoded -> " + decoded);
        assertFalse(decoded.contains(FakeGithub.TOKEN), decoded);
    }
}
