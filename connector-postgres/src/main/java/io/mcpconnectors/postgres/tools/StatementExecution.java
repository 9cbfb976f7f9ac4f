package io.mcpconnectors.postgres.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.postgres.Blocking;
import io.mcpconnectors.postgres.PostgresSessions;
import io.mcpconnectors.postgres.QueryRunner;
import io.mcpconnectors.postgres.WriteSqlGuard;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * Runs one checked statement in its own read-write transaction with the server-side timeout: committed when it
 * succeeds, rolled back completely when it fails.
 */
@ApplicationScoped
public class StatementExecution {

    static final Arg<String> DATA_CHANGE = Arg.string("sql", "one data-changing statement").required();
    static final Arg<String> STRUCTURE_CHANGE = Arg.string("sql", "one structure or permission change").required();

    static final Map<String, Object> PROPERTIES = properties("statement", string("kind of statement run"),
            "affected_rows", integer("rows inserted, updated or deleted (0 for most DDL)"));

    /** The statement argument of the tool of this access class. */
    private static Arg<String> sql(ToolAccess access) {
        return access == ToolAccess.ADMIN ? STRUCTURE_CHANGE : DATA_CHANGE;
    }

    private final PostgresSessions sessions;
    private final WriteSqlGuard guard;

    public StatementExecution(PostgresSessions sessions, WriteSqlGuard guard) {
        this.sessions = sessions;
        this.guard = guard;
    }

    ToolResult execute(ToolCall call, ToolAccess access) throws Exception {
        String sql = guard.check(call.get(sql(access)), access);
        List<Object> params = QueryResults.parameters(call.get(QueryTool.PARAMS));
        int affected = sessions.write(call, connection -> {
            try {
                RowSet<Row> result = Blocking.await(
                        connection.preparedQuery(sql).execute(Tuple.from(params)));
                return result.rowCount();
            } catch (PgException e) {
                throw QueryRunner.sqlError(e);
            }
        });
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("statement", sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT));
        data.put("affected_rows", affected);
        return ToolResult.of(data, 1);
    }

    /**
     * The statement as it will run and, for a data change, PostgreSQL's own estimate of the rows it touches
     * (EXPLAIN without ANALYZE plans the statement but runs nothing, so it works in a read-only transaction).
     */
    String preview(ToolCall call, ToolAccess access) throws Exception {
        String sql = guard.check(call.get(sql(access)), access);
        List<Object> params = QueryResults.parameters(call.get(QueryTool.PARAMS));
        StringBuilder text = new StringBuilder("Runs in its own transaction on PostgreSQL:\n").append(sql.strip());
        if (!params.isEmpty()) {
            text.append("\nwith parameters ").append(params);
        }
        if (access == ToolAccess.WRITE) {
            String estimate = sessions.read(call, connection -> {
                try {
                    RowSet<Row> plan = Blocking.await(
                            connection.preparedQuery("EXPLAIN (FORMAT JSON) " + sql).execute(Tuple.from(params)));
                    return estimate(plan.iterator().next().getValue(0));
                } catch (PgException e) {
                    throw QueryRunner.sqlError(e);
                }
            });
            text.append("\n\n").append(estimate);
        }
        return text.toString();
    }

    static String estimate(Object explained) {
        JsonArray plans = explained instanceof JsonArray array ? array
                : new JsonArray(String.valueOf(explained));
        JsonObject plan = plans.getJsonObject(0).getJsonObject("Plan");
        String what = plan.getString("Operation", plan.getString("Node Type")) + (plan.containsKey("Relation Name")
                ? " on " + plan.getString("Relation Name") : "");
        // A ModifyTable node returns no rows itself; the rows it changes are the ones its input produces.
        JsonArray inputs = plan.getJsonArray("Plans");
        Number rows = "ModifyTable".equals(plan.getString("Node Type")) && inputs != null && !inputs.isEmpty()
                ? (Number) inputs.getJsonObject(0).getValue("Plan Rows") : (Number) plan.getValue("Plan Rows");
        return "PostgreSQL estimates this " + what + " touches about " + rows + " row(s) (planner estimate from"
                + " table statistics; the real count can differ).";
    }
}
