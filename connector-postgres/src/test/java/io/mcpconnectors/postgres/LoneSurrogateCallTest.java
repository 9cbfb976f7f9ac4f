package io.mcpconnectors.postgres;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.spi.ToolCallException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A lone UTF-16 surrogate ({@code \ud800} in the JSON of a call) is a letter to the query guard's lexer (any char at
 * or above 0x80), so it glues the name that follows into one harmless-looking identifier; on its way to the server the
 * client library encodes it as {@code ?}, an operator, and PostgreSQL sees the refused function called. The call is
 * sent as raw JSON, as any MCP client can send it; the victim is another session of the connector's own role, which
 * that role may terminate.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresFixture.class)
class LoneSurrogateCallTest {

    @TestHTTPResource("/mcp")
    URI mcp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aLoneSurrogateDoesNotHideARefusedFunctionFromTheGuard() throws Exception {
        try (Connection victim = DriverManager.getConnection("jdbc:postgresql://localhost:"
                + EmbeddedPostgresFixture.server().getPort() + "/postgres", "analyst",
                EmbeddedPostgresFixture.ANALYST_PASSWORD)) {
            int pid = pid(victim);
            // The JSON escape \ud800 reaches the tool as a lone surrogate; PostgreSQL reads "jsonb ? text".
            String answer = queryWithRawJson("SELECT '{}'::jsonb \\ud800pg_terminate_backend(" + pid + ")::text AS x");
            assertTrue(victim.isValid(5), "a read-only query terminated another session (pid " + pid + "): " + answer);
            assertRefused(answer);
        }
    }

    @Test
    void aLoneSurrogateDoesNotHideSetConfigFromTheGuard() throws Exception {
        String answer = queryWithRawJson("SELECT '{}'::jsonb \\udc00set_config('application_name', 'changed-by-query',"
                + " true) AS x, current_setting('application_name') AS now_named");
        assertFalse(answer.contains("[false,\"changed-by-query\"]"), "set_config ran inside a query: " + answer);
        assertRefused(answer);
    }

    @Test
    void theQueryGuardItselfRefusesHalfASurrogatePair() {
        ToolCallException refused = assertThrows(ToolCallException.class,
                () -> new ReadOnlySqlGuard().checkQuery("SELECT '{}'::jsonb \ud800pg_terminate_backend(1)"));
        assertTrue(refused.getMessage().contains("invalid character at position 19"), refused.getMessage());
    }

    /**
     * Not run: the runtime refuses the argument (an isError result naming the character), before any guard; a
     * guard's refusal (an isError result too) would do as well.
     */
    private static void assertRefused(String answer) {
        assertTrue(answer.contains("\"isError\":true") && (answer.contains("Invalid arguments for tool query:")
                && answer.contains("invalid character") || answer.contains("Refused")), answer);
    }

    private static int pid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** One tools/call of query in a fresh session, with the sql given as JSON string content (escapes kept). */
    private String queryWithRawJson(String jsonSql) throws Exception {
        HttpResponse<String> init = post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\","
                + "\"version\":\"1\"}}}");
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"query\","
                + "\"arguments\":{\"sql\":\"" + jsonSql + "\"}}}").body();
    }

    private HttpResponse<String> post(String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
