package io.mcpconnectors.postgres;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.ToolCallException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Refuses a query the planner expects to be too expensive, before it runs: {@code EXPLAIN} without ANALYZE (which
 * plans the statement and runs nothing) in the call's own read-only transaction, with the call's parameters, then the
 * plan's total cost and top row estimate against {@code connector.postgres.max-plan-cost} and {@code max-plan-rows}.
 * Off unless one is set, so a call pays for the extra round trip only when an admin asked for the guard. Estimates
 * come from table statistics and can be far off (stale statistics, correlated filters); the server-side timeout stays
 * the hard bound.
 */
@ApplicationScoped
public class PlanCostGuard {

    static final String COST_KEY = "connector.postgres.max-plan-cost";
    static final String ROWS_KEY = "connector.postgres.max-plan-rows";

    private final OptionalDouble maxCost;
    private final OptionalLong maxRows;

    @Inject
    public PlanCostGuard(PostgresConnectorConfig config) {
        this(config.maxPlanCost(), config.maxPlanRows());
    }

    PlanCostGuard(OptionalDouble maxCost, OptionalLong maxRows) {
        this.maxCost = maxCost;
        this.maxRows = maxRows;
    }

    /** Stops the start on a limit that would refuse every query. */
    void checkSettings() {
        if (maxCost.isPresent() && !(maxCost.getAsDouble() > 0)) {
            throw new InvalidSettingException(COST_KEY, "must be a positive number (planner cost units), e.g. 100000");
        }
        if (maxRows.isPresent() && maxRows.getAsLong() < 1) {
            throw new InvalidSettingException(ROWS_KEY, "must be at least 1");
        }
    }

    public boolean active() {
        return maxCost.isPresent() || maxRows.isPresent();
    }

    /** Succeeds when the statement's estimate is within the limits (or none is set); fails with the refusal. */
    public Future<Void> check(SqlConnection connection, String sql, List<Object> parameters) {
        if (!active()) {
            return Future.succeededFuture();
        }
        return connection.preparedQuery("EXPLAIN (FORMAT JSON) " + sql).execute(Tuple.from(parameters))
                .recover(e -> Future.failedFuture(e instanceof PgException pg ? QueryRunner.sqlError(pg) : e))
                .compose(rows -> {
                    Object value = rows.iterator().next().getValue(0);
                    JsonArray plans = value instanceof JsonArray array ? array : new JsonArray(String.valueOf(value));
                    JsonObject plan = plans.getJsonObject(0).getJsonObject("Plan");
                    return verdict(((Number) plan.getValue("Total Cost")).doubleValue(),
                            ((Number) plan.getValue("Plan Rows")).longValue());
                });
    }

    Future<Void> verdict(double cost, long rows) {
        if (maxCost.isPresent() && cost > maxCost.getAsDouble()) {
            return Future.failedFuture(new ToolCallException("Refused before running: PostgreSQL estimates this query"
                    + " costs " + number(cost) + ", above " + COST_KEY + " (" + number(maxCost.getAsDouble()) + ")."
                    + " Add a selective filter or a LIMIT, aggregate in SQL, or check the plan with explain."));
        }
        if (maxRows.isPresent() && rows > maxRows.getAsLong()) {
            return Future.failedFuture(new ToolCallException("Refused before running: PostgreSQL estimates this query"
                    + " returns about " + rows + " rows, above " + ROWS_KEY + " (" + maxRows.getAsLong() + ")."
                    + " Add a filter or a LIMIT, or aggregate in SQL."));
        }
        return Future.succeededFuture();
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
