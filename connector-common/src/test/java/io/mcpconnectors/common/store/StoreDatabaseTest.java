package io.mcpconnectors.common.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Opening the PostgreSQL store's database: the pool, the migrations, and what a user reads when it fails. */
class StoreDatabaseTest {

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void createsTheStoresTablesOnFirstOpenAndLeavesThemOnTheNext() throws Exception {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        try (StoreDatabase first = StoreDatabase.open(url, "postgres", null, "embedded")) {
            assertEquals(List.of("mcp_approval", "mcp_audit_event", "mcp_audit_head", "mcp_connector_schema_history"),
                    tables(first));
        }
        try (StoreDatabase again = StoreDatabase.open(url, "postgres", null, "embedded")) {
            try (Connection c = again.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("select count(*) from mcp_connector_schema_history where success")) {
                rows.next();
                assertEquals(1, rows.getInt(1), "the migration ran once");
            }
        }
    }

    @Test
    void anUnreachableServerIsNamedAsAConnectionFailureWithoutTheUrlsSecrets() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StoreException failure = assertThrows(StoreException.class, () -> StoreDatabase.open(
                "jdbc:postgresql://127.0.0.1:" + port + "/connectors?password=Url-Secret-42", "store", "Pass-Secret-42",
                "jdbc:postgresql://127.0.0.1:" + port + "/connectors"));
        String message = failure.getMessage();
        assertTrue(message.startsWith("Could not connect to the PostgreSQL store at jdbc:postgresql://127.0.0.1:" + port
                + "/connectors (SQLState 08001"), message);
        assertFalse(message.contains("Secret-42"), message);
        assertFalse(message.contains("\n"), message);
    }

    private static List<String> tables(StoreDatabase database) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select tablename from pg_tables where schemaname = 'public'"
                        + " order by tablename")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
