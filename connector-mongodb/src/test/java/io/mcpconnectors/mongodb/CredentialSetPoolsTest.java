package io.mcpconnectors.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClients;

import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.ToolCallException;

/**
 * The pools of the credential sets: checked at start without showing a connection string, opened on first use,
 * one per set, bounded, the least recently used idle one closed to make room, refused when all are held.
 */
class CredentialSetPoolsTest {

    private Path dir;
    private Path north;
    private Path south;

    @BeforeEach
    void files() throws IOException {
        dir = Files.createTempDirectory("credential-sets");
        north = Files.writeString(dir.resolve("north"), InProcessMongoFixture.connectionStringOf("north_reader"));
        south = Files.writeString(dir.resolve("south"), InProcessMongoFixture.connectionStringOf("south_reader"));
    }

    @AfterEach
    void removeFiles() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    private static CredentialSetPools pools(Map<String, Path> files, int max) {
        return new CredentialSetPools(files, max, (connection, name) -> MongoClients.create(MongoClientSettings
                .builder().applyConnectionString(connection).applicationName(name).build()));
    }

    @Test
    void aCredentialSetIsCheckedAtStartWithoutShowingItsConnectionString() throws IOException {
        Path malformed = Files.writeString(dir.resolve("malformed"), "mongo://reader:Pa55word-Secret@db.internal");
        Path anonymous = Files.writeString(dir.resolve("anonymous"), "mongodb://db.internal:27017");
        CredentialSetPools pools = pools(Map.of("\"north\"", north, "malformed", malformed, "anonymous", anonymous,
                "missing", dir.resolve("nope")), 4);
        assertNull(pools.problem("north"), "a quoted key names the set without its quotes");
        assertTrue(pools.problem("south").startsWith("names no credential set:"
                + " connector.mongodb.identity.connection-string-file.\"south\" is not set"), pools.problem("south"));
        String notAString = pools.problem("malformed");
        assertTrue(notAString.contains("is not a MongoDB connection string"), notAString);
        assertFalse(notAString.contains("Pa55word"), notAString);
        assertTrue(pools.problem("anonymous").contains("without a user"), pools.problem("anonymous"));
        assertTrue(pools.problem("missing").contains("cannot be read (NoSuchFileException)"), pools.problem("missing"));
        assertTrue(pools.problem("no sets, please").startsWith("is not a credential set name"));
        assertEquals("connector.mongodb.identity.max-pools",
                assertThrows(InvalidSettingException.class, () -> pools(Map.of(), 0)).key());
    }

    @Test
    void aPoolOpensOnFirstUseAndIsSharedByItsSetsCalls() {
        CredentialSetPools pools = pools(Map.of("north", north, "south", south), 4);
        assertEquals(List.of(), pools.openSets(), "nothing open before a call needs it");
        PooledClient first = pools.acquire("north");
        PooledClient second = pools.acquire("north");
        assertSame(first, second);
        assertEquals(List.of("north"), pools.openSets());
        pools.release(first);
        pools.release(second);
        pools.close();
    }

    @Test
    void theLeastRecentlyUsedIdlePoolIsClosedToOpenAnotherAndNoneWhileAllAreHeld() {
        CredentialSetPools pools = pools(Map.of("north", north, "south", south), 1);
        PooledClient held = pools.acquire("north");
        ToolCallException busy = assertThrows(ToolCallException.class, () -> pools.acquire("south"));
        assertTrue(busy.getMessage().contains("All 1 MongoDB connection pools"
                + " (connector.mongodb.identity.max-pools) are in use"), busy.getMessage());
        assertEquals(List.of("north"), pools.openSets(), "a held pool is never closed");

        pools.release(held);
        PooledClient southPool = pools.acquire("south");
        assertEquals(List.of("south"), pools.openSets());
        assertThrows(IllegalStateException.class, () -> held.client().listDatabaseNames().first(),
                "the idle pool was closed");
        pools.release(southPool);
        pools.close();
        assertThrows(IllegalStateException.class, () -> southPool.client().listDatabaseNames().first(),
                "every pool closes with the connector");
        assertEquals(List.of(), pools.openSets());
    }

    @Test
    void aConnectionStringThatBreaksAfterStartIsReportedWhenItsPoolWouldOpen() throws IOException {
        CredentialSetPools pools = pools(Map.of("north", north), 2);
        Files.writeString(north, "not a connection string with Pa55word-Secret");
        ToolCallException broken = assertThrows(ToolCallException.class, () -> pools.acquire("north"));
        assertTrue(broken.getMessage().startsWith("The connection string of credential set north"
                + " (connector.mongodb.identity.connection-string-file.\"north\") is not a MongoDB connection string"),
                broken.getMessage());
        assertFalse(broken.getMessage().contains("Pa55word"));
        pools.close();
    }
}
