package io.mcpconnectors.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Connector;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/** The PostgreSQL connector: one database, reached as one role. */
@ApplicationScoped
public class PostgresConnector implements Connector {

    static final String PRIVILEGES = """
            SELECT r.rolsuper AS superuser, r.rolcreaterole AS create_role, r.rolcreatedb AS create_db,
                   (SELECT count(*) FROM information_schema.table_privileges p
                     WHERE p.grantee = current_user AND p.privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')
                       AND p.table_schema NOT IN ('pg_catalog', 'information_schema')) AS write_grants,
                   (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relowner = r.oid AND c.relkind IN ('r', 'p')
                       AND n.nspname NOT IN ('pg_catalog', 'information_schema')) AS owned_tables,
                   has_database_privilege(current_database(), 'CREATE') AS create_schema
            FROM pg_roles r WHERE r.rolname = current_user""";

    static final String ROLE = "SELECT rolsuper, rolbypassrls, has_function_privilege(oid,"
            + " 'pg_catalog.set_config(text, text, boolean)', 'EXECUTE') AS set_config FROM pg_roles WHERE rolname = $1";

    private final PostgresPool pool;
    private final PlanCostGuard costGuard;

    public PostgresConnector(PostgresPool pool, PlanCostGuard costGuard) {
        this.pool = pool;
        this.costGuard = costGuard;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public void verify() {
        costGuard.checkSettings();
        pool.target();
    }

    /**
     * A mapped value is a database role: it must exist, be one row-level security applies to (not a superuser, not
     * BYPASSRLS), and be one the connector's login role may switch to, which is tried in a rolled-back transaction.
     */
    @Override
    public String mappedIdentityProblem(String role) {
        try {
            RowSet<Row> found = Blocking.await(pool.run(p -> p.preparedQuery(ROLE).execute(Tuple.of(role))),
                    Duration.ofSeconds(10));
            if (found.size() == 0) {
                return "no role " + role + " exists in " + pool.target() + " (role names are exact: CREATE ROLE"
                        + " creates lower-case names unless quoted)";
            }
            Row row = found.iterator().next();
            if (Boolean.TRUE.equals(row.getBoolean("rolsuper")) || Boolean.TRUE.equals(row.getBoolean("rolbypassrls"))) {
                return "the role is a superuser or has BYPASSRLS, so row-level security would not apply to its"
                        + " callers; map a role without them";
            }
            if (Boolean.TRUE.equals(row.getBoolean("set_config"))) {
                // With set_config() a query could switch to another mapped role (the login role is a member of
                // all of them) or change its principal, and switch back before anyone looks.
                return "the role may run set_config(), with which a query could change the role or the principal it"
                        + " runs as; as a superuser, run REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text,"
                        + " boolean) FROM PUBLIC in this database (grant it back only to roles that need it, never to"
                        + " the connector's)";
            }
        } catch (Exception e) {
            return "the role could not be checked: " + PostgresErrors.describe(e);
        }
        try {
            Blocking.await(pool.run(p -> p.withTransaction(connection -> connection
                    .query("SET LOCAL ROLE " + PostgresSessions.identifier(role)).execute()
                    .compose(done -> Future.failedFuture(new RolledBack())))), Duration.ofSeconds(10));
        } catch (RolledBack switched) {
            return null;
        } catch (Exception e) {
            return "the connector's login role cannot switch to it (" + PostgresErrors.describe(e) + "); GRANT "
                    + role + " TO the login role";
        }
        return null;
    }

    /** Ends the trial transaction of {@link #mappedIdentityProblem} without keeping anything. */
    private static final class RolledBack extends Exception {
        private static final long serialVersionUID = 1L;

        RolledBack() {
            super(null, null, false, false);
        }
    }

    @Override
    public String healthProblem() {
        try {
            Blocking.await(pool.run(p -> p.query("SELECT 1").execute()), Duration.ofSeconds(5));
            return null;
        } catch (Exception e) {
            return "cannot reach " + pool.target() + ": " + PostgresErrors.describe(e);
        }
    }

    @Override
    public String excessWriteRight() {
        try {
            Row row = Blocking.await(pool.run(p -> p.query(PRIVILEGES).execute()), Duration.ofSeconds(10)).iterator().next();
            List<String> rights = new ArrayList<>();
            if (Boolean.TRUE.equals(row.getBoolean("superuser"))) {
                rights.add("it is a SUPERUSER (can bypass every check, including read-only transactions)");
            }
            if (row.getLong("write_grants") > 0) {
                rights.add("it holds " + row.getLong("write_grants") + " INSERT/UPDATE/DELETE/TRUNCATE grants");
            }
            if (row.getLong("owned_tables") > 0) {
                rights.add("it owns " + row.getLong("owned_tables") + " tables");
            }
            if (Boolean.TRUE.equals(row.getBoolean("create_role")) || Boolean.TRUE.equals(row.getBoolean("create_db"))) {
                rights.add("it can create roles or databases");
            }
            if (Boolean.TRUE.equals(row.getBoolean("create_schema"))) {
                rights.add("it can create schemas");
            }
            return rights.isEmpty() ? null : "the role connected to " + pool.target() + ": " + String.join("; ", rights);
        } catch (Exception e) {
            return null;
        }
    }
}
