package io.mcpconnectors.postgres.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.bool;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.AsyncConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.postgres.PostgresSessions;
import io.mcpconnectors.postgres.QueryRunner;
import io.mcpconnectors.postgres.ReadOnlySqlGuard;
import io.vertx.core.Vertx;

@ApplicationScoped
public class ExplainTool implements AsyncConnectorTool {

    private static final Arg<Boolean> ANALYZE = Arg.bool("analyze",
            "execute it and report actual times (default false)").orElse(false);

    private static final ToolSpec SPEC = new ToolSpec("explain", "Explain a query",
            "Shows PostgreSQL's plan for one read-only query as JSON (EXPLAIN (FORMAT JSON)). With analyze: true the"
                    + " query is also executed, inside the same read-only transaction and timeout, to report actual"
                    + " rows and times.",
            ToolAccess.READ,
            List.of(QueryTool.SQL.spec(), QueryTool.PARAMS.spec(), ANALYZE.spec()),
            properties("plan", Map.of("type", "array", "description", "the plan as PostgreSQL's JSON"),
                    "analyzed", bool("whether actual times are included")));

    private final Vertx vertx;
    private final PostgresSessions sessions;
    private final ReadOnlySqlGuard guard;
    private final QueryRunner runner;

    public ExplainTool(Vertx vertx, PostgresSessions sessions, ReadOnlySqlGuard guard,
            QueryRunner runner) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.guard = guard;
        this.runner = runner;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public CompletionStage<ToolResult> callAsync(ToolCall call) {
        // The same gate as query: EXPLAIN ANALYZE executes the statement, so only a read-only one gets here.
        boolean analyze = call.get(ANALYZE);
        List<Object> params = QueryResults.parameters(call.get(QueryTool.PARAMS));
        return guard.checkQuery(vertx, call.get(QueryTool.SQL)).compose(sql -> {
            String explain = "EXPLAIN (FORMAT JSON" + (analyze ? ", ANALYZE, BUFFERS" : "") + ") " + sql;
            return sessions.readAsync(call.caller(), connection -> runner.runAsync(connection, explain, params, call.limits()));
        }).map(result -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("plan", result.rows().isEmpty() ? List.of() : result.rows().get(0).get(0));
                    data.put("analyzed", analyze);
                    return ToolResult.of(data, 1);
                }).toCompletionStage();
    }
}
