package io.mcpconnectors.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL 17 server for the whole test run of this module, started from the zonky binaries (no Docker),
 * with a shop schema, a table of every interesting type, and two roles: {@code analyst} (SELECT only) and
 * {@code writer} (may change the shop data). Test classes choose the role through init args.
 */
public class EmbeddedPostgresFixture implements QuarkusTestResourceLifecycleManager {

    public static final String ANALYST_PASSWORD = "analyst-Secret-1";
    public static final String WRITER_PASSWORD = "writer-Secret-2";
    public static final String LOGIN_PASSWORD = "login-Secret-3";

    private static EmbeddedPostgres server;

    private String role = "analyst";
    private String database = "postgres";

    @Override
    public void init(Map<String, String> initArgs) {
        role = initArgs.getOrDefault("role", "analyst");
        database = initArgs.getOrDefault("database", "postgres");
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // Passwords are checked for every role but the fixture's own superuser, as on a real server.
                server = EmbeddedPostgres.builder().setDataDirectoryCustomizer(dir -> {
                    try {
                        java.nio.file.Files.writeString(dir.toPath().resolve("pg_hba.conf"), PG_HBA);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).start();
                try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute(SCHEMA);
                    s.execute("CREATE DATABASE identity");
                    s.execute("CREATE DATABASE tpch");
                }
                try (Connection c = server.getDatabase("postgres", "tpch").getConnection();
                        Statement s = c.createStatement()) {
                    s.execute(Corpus.resource("corpus/tpch-schema.sql"));
                }
                try (Connection c = server.getDatabase("postgres", "identity").getConnection();
                        Statement s = c.createStatement()) {
                    s.execute(IDENTITY_SCHEMA);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return server;
    }

    public static String url() {
        return "postgresql://localhost:" + server().getPort() + "/postgres";
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        server();
        config.put("connector.postgres.url", "postgresql://localhost:" + server.getPort() + "/" + database);
        config.put("connector.postgres.username", role);
        config.put("connector.postgres.password", switch (role) {
            case "writer" -> WRITER_PASSWORD;
            case "mcp_login" -> LOGIN_PASSWORD;
            default -> ANALYST_PASSWORD;
        });
        return config;
    }

    @Override
    public void stop() {
        // The server lives for the whole run; the JVM's exit stops it.
    }

    /** Runs SQL as the superuser, for setting up and checking state outside the connector. */
    public static long count(String sql) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same, in another database of the server. */
    public static long countIn(String database, String sql) {
        try (Connection c = server().getDatabase("postgres", database).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL as the superuser in another database of the server. */
    public static void executeIn(String database, String sql) {
        try (Connection c = server().getDatabase("postgres", database).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs one statement as the superuser in {@code BEGIN READ ONLY} in a database of the server, reads its rows and
     * rolls back: whether PostgreSQL itself takes the statement as a valid read.
     */
    public static void readOnlyIn(String database, String sql) {
        try (Connection c = server().getDatabase("postgres", database).getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION READ ONLY");
                if (s.execute(sql)) {
                    try (ResultSet rows = s.getResultSet()) {
                        while (rows.next()) {
                            // read every row, as the connector does
                        }
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static void execute(String sql) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String PG_HBA = """
            local all all trust
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    /**
     * The database of user-bound access: a login role that holds no privileges of its own (NOINHERIT) and may switch
     * to two analyst roles; row-level security keyed on the role (accounts by region) and on the caller's principal
     * (notes by author); set_config() revoked from PUBLIC, as user-bound access requires; and a SECURITY DEFINER
     * function an admin made carelessly, which changes the principal from inside a query.
     */
    static final String IDENTITY_SCHEMA = """
            CREATE ROLE mcp_login LOGIN NOINHERIT PASSWORD '%s';
            CREATE ROLE north_analyst NOLOGIN;
            CREATE ROLE south_analyst NOLOGIN;
            CREATE ROLE rls_bypasser NOLOGIN BYPASSRLS;
            GRANT north_analyst, south_analyst, rls_bypasser TO mcp_login;
            CREATE SCHEMA crm;
            CREATE TABLE crm.accounts (id int PRIMARY KEY, name text NOT NULL, region text NOT NULL);
            INSERT INTO crm.accounts VALUES (1, 'Acme', 'north'), (2, 'Globex', 'south'), (3, 'Initech', 'north');
            CREATE TABLE crm.notes (id serial PRIMARY KEY, author text NOT NULL, body text NOT NULL);
            INSERT INTO crm.notes (author, body) VALUES ('alice', 'alice''s note'), ('bob', 'bob''s note');
            ALTER TABLE crm.accounts ENABLE ROW LEVEL SECURITY;
            ALTER TABLE crm.notes ENABLE ROW LEVEL SECURITY;
            CREATE POLICY region_of_role ON crm.accounts USING (region = CASE current_user
              WHEN 'north_analyst' THEN 'north' WHEN 'south_analyst' THEN 'south' END);
            CREATE POLICY own_notes ON crm.notes USING (author = current_setting('mcp.principal', true))
              WITH CHECK (author = current_setting('mcp.principal', true));
            GRANT USAGE ON SCHEMA crm TO north_analyst, south_analyst;
            GRANT SELECT ON crm.accounts TO north_analyst, south_analyst;
            GRANT SELECT, INSERT ON crm.notes TO north_analyst, south_analyst;
            GRANT USAGE ON SEQUENCE crm.notes_id_seq TO north_analyst, south_analyst;
            REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
            CREATE FUNCTION crm.act_as(who text) RETURNS text LANGUAGE sql SECURITY DEFINER AS
              $$ SELECT set_config('mcp.principal', who, true) $$;
            GRANT EXECUTE ON FUNCTION crm.act_as(text) TO north_analyst, south_analyst;
            """.formatted(LOGIN_PASSWORD);

    static final String SCHEMA = """
            CREATE ROLE analyst LOGIN PASSWORD '%s';
            CREATE ROLE writer LOGIN PASSWORD '%s';
            CREATE SCHEMA shop;
            COMMENT ON SCHEMA shop IS 'the web shop';
            CREATE TYPE shop.order_status AS ENUM ('new', 'paid', 'shipped');
            CREATE TYPE shop.address AS (street text, city varchar(40));
            CREATE DOMAIN shop.amount AS numeric(12,2) CHECK (VALUE >= 0);
            CREATE DOMAIN shop.code AS varchar(8);
            CREATE DOMAIN shop.note AS text;
            CREATE DOMAIN shop.document AS json;
            CREATE TABLE shop.customers (
              id serial PRIMARY KEY,
              name text NOT NULL,
              email text UNIQUE,
              created_at timestamptz NOT NULL DEFAULT now());
            COMMENT ON TABLE shop.customers IS 'people who buy';
            COMMENT ON COLUMN shop.customers.email IS 'contact address';
            CREATE TABLE shop.orders (
              id bigserial PRIMARY KEY,
              customer_id int NOT NULL REFERENCES shop.customers(id),
              total numeric(12,2) NOT NULL CHECK (total >= 0),
              status shop.order_status NOT NULL DEFAULT 'new',
              placed_on date NOT NULL);
            CREATE INDEX orders_customer_idx ON shop.orders (customer_id);
            INSERT INTO shop.customers (name, email) VALUES ('Ada', 'ada@example.com'), ('Grace', 'grace@example.com');
            INSERT INTO shop.orders (customer_id, total, status, placed_on)
              VALUES (1, 19.99, 'paid', '2026-01-02'), (1, 5.00, 'new', '2026-02-03'), (2, 120.50, 'shipped', '2026-03-04');
            CREATE VIEW shop.order_totals AS SELECT customer_id, sum(total) AS total FROM shop.orders GROUP BY customer_id;
            CREATE MATERIALIZED VIEW shop.paid_orders AS SELECT * FROM shop.orders WHERE status = 'paid';
            CREATE TABLE shop.numbers AS SELECT g AS n, 'row ' || g AS label FROM generate_series(1, 5000) g;
            CREATE TABLE shop.t (id int PRIMARY KEY, v text);
            INSERT INTO shop.t VALUES (1, 'one'), (2, 'two'), (3, 'three');
            CREATE TABLE shop.types (
              big bigint, big_small bigint, num numeric, r real, d double precision, nan double precision,
              ts timestamp, tstz timestamptz, dt date, tm time, b bytea, arr int[], tarr text[], j json, jb jsonb,
              u uuid, iv interval, ip inet, e shop.order_status, rng int4range, nul text, flag boolean, m money);
            INSERT INTO shop.types VALUES (
              9223372036854775807, 42, 12345678901234567890.123456789, 1.5, 2.25, 'NaN',
              '2026-11-24 10:15:30.123456', '2026-11-24 10:15:30+02', '2026-11-24', '10:15:30', '\\x00ff10',
              ARRAY[1,2,3], ARRAY['a','b'], '{"k": [1, 2]}', '{"k": {"n": 1.5}}',
              'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '1 year 2 mons 3 days 04:05:06.5', '192.168.0.1/24', 'paid',
              '[1,10)', NULL, true, 12.34);
            CREATE TABLE shop.parcels (id int PRIMARY KEY, weight shop.amount, code shop.code, sent_to shop.address,
              history shop.order_status[], total numeric(12,2));
            INSERT INTO shop.parcels VALUES (1, 2.50, 'P-1', ROW('Main St', 'Oslo'), ARRAY['new', 'paid']::shop.order_status[], 9.90);
            ANALYZE;
            GRANT USAGE ON SCHEMA shop TO analyst, writer;
            GRANT SELECT ON ALL TABLES IN SCHEMA shop TO analyst, writer;
            GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA shop TO writer;
            GRANT USAGE ON ALL SEQUENCES IN SCHEMA shop TO writer;
            GRANT CREATE ON SCHEMA shop TO writer;
            """.formatted(ANALYST_PASSWORD, WRITER_PASSWORD);
}
