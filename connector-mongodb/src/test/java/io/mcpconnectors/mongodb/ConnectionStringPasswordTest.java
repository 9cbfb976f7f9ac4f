package io.mcpconnectors.mongodb;

import static io.mcpconnectors.common.test.McpCalls.call;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoCollection;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The password of the connector's own connection string is one of its secrets: data that quotes it (a collection of
 * deployment settings) comes back without it, as it is and URL-encoded.
 */
@QuarkusTest
@TestProfile(ConnectionStringPasswordTest.SignedIn.class)
class ConnectionStringPasswordTest extends McpClientTest {

    static final String USER = "auditor";

    public static class SignedIn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.mongodb.connection-string", InProcessMongoFixture.connectionStringOf(USER));
        }
    }

    @Test
    void theConnectorsOwnPasswordNeverComesBackInResults() {
        String password = InProcessMongoFixture.USERS.get(USER).password();
        MongoCollection<Document> leaked = InProcessMongoFixture.client().getDatabase("crm")
                .getCollection("deployment_settings");
        leaked.insertOne(new Document("_id", 1).append("uri", InProcessMongoFixture.connectionStringOf(USER))
                .append("note", "password is " + password.toUpperCase()));
        try {
            String found = ok(call(client, "find", Map.of("database", "crm", "collection", "deployment_settings")))
                    .encode();
            assertFalse(found.toLowerCase().contains(password.toLowerCase()), found);
            assertTrue(found.contains("mongodb://" + USER + ":[REDACTED]@"), found);
            assertTrue(found.contains("password is [REDACTED]"), found);
        } finally {
            leaked.drop();
        }
    }
}
