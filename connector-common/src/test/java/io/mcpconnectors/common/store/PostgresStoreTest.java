package io.mcpconnectors.common.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The PostgreSQL store on a real PostgreSQL, its tables created by the same Flyway migrations as in production. */
class PostgresStoreTest extends ConnectorStoreContract {

    static EmbeddedPostgres postgres;
    static DataSource dataSource;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("db/connector-store")
                .table("mcp_connector_schema_history").load().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Override
    ConnectorStore open() {
        return new PostgresStore(dataSource, JSON, "embedded");
    }

    @Override
    void editEvent(long seq, String newEvent) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("update mcp_audit_event set event = ? where seq = ?")) {
            update.setString(1, newEvent);
            update.setLong(2, seq);
            update.executeUpdate();
        }
    }

    @Override
    void deleteRecord(long seq) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("delete from mcp_audit_event where seq = ?")) {
            delete.setLong(1, seq);
            delete.executeUpdate();
        }
    }

    @Override
    void clearChain() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("delete from mcp_audit_event");
            s.execute("update mcp_audit_head set seq = 0, hash = repeat('0', 64)");
        }
    }
}
