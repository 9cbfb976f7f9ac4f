package io.mcpconnectors.postgres;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.PlainJson;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.Truncation;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.desc.ColumnDescriptor;

/**
 * Runs one statement through the extended protocol (so the server itself refuses a second, stacked statement) and
 * streams its rows with a cursor in batches, stopping at the row and byte caps: a huge result never sits in
 * memory. One row beyond the row cap is fetched so {@code truncated} is exact.
 */
@ApplicationScoped
public class QueryRunner {

    static final int BATCH_ROWS = 200;

    private final ObjectMapper json;
    private final ResultColumnTypes types;

    public QueryRunner(ObjectMapper json, ResultColumnTypes types) {
        this.json = json;
        this.types = types;
    }

    /** The columns and rows of a result, and why it is incomplete (or null). */
    public record Result(List<Map<String, Object>> columns, List<List<Object>> rows, Truncation truncation) {

        /** The same result with each column's type as PostgreSQL names it. */
        Result typed(List<String> names) {
            List<Map<String, Object>> typed = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                Map<String, Object> column = new LinkedHashMap<>(columns.get(i));
                if (i < names.size()) {
                    column.put("type", names.get(i));
                }
                typed.add(column);
            }
            return new Result(typed, rows, truncation);
        }

        /** The column names in order. */
        public List<String> names() {
            return columns.stream().map(c -> String.valueOf(c.get("name"))).toList();
        }
    }

    /**
     * Prepares the statement, opens a cursor and reads it in batches: prepare, cursor and every batch chained on the connection's event
     * loop; rows are converted as they arrive and reading stops at the caps.
     */
    public Future<Result> runAsync(SqlConnection connection, String sql, List<Object> parameters,
            CallLimits limits) {
        return connection.prepare(sql).compose(prepared -> {
            Cursor cursor = prepared.cursor(Tuple.from(parameters));
            Accumulator rows = new Accumulator(limits);
            // The cursor and the statement are not closed one by one: every connection ends its call with ROLLBACK,
            // which closes the cursor's portal, and DISCARD ALL, which deallocates the statement
            // (PostgresSessions.release), before anyone else uses it: two messages, each with its Sync, fewer per
            // query.
            return readBatches(cursor, rows)
                    .compose(result -> types.names(connection, rows.descriptors, sql, parameters).map(result::typed));
        }).recover(e -> Future.failedFuture(e instanceof PgException pg ? sqlError(pg) : e));
    }

    private Future<Result> readBatches(Cursor cursor, Accumulator rows) {
        return cursor.read(BATCH_ROWS).compose(batch -> {
            rows.add(batch);
            if (rows.truncation != null || !cursor.hasMore()) {
                return Future.succeededFuture(rows.result());
            }
            return readBatches(cursor, rows);
        });
    }

    /** Rows gathered so far, stopping at the item and byte caps. */
    private final class Accumulator {
        private final CallLimits limits;
        private final List<List<Object>> rows = new ArrayList<>();
        private List<Map<String, Object>> columns;
        private List<ColumnDescriptor> descriptors = List.of();
        private long bytes;
        private Truncation truncation;

        Accumulator(CallLimits limits) {
            this.limits = limits;
        }

        void add(RowSet<Row> batch) {
            if (columns == null) {
                descriptors = batch.columnDescriptors();
                columns = columns(descriptors);
            }
            for (Row row : batch) {
                if (rows.size() >= limits.maxItems()) {
                    truncation = limits.itemsTruncation();
                    return;
                }
                List<Object> values = new ArrayList<>(row.size());
                for (int i = 0; i < row.size(); i++) {
                    values.add(PgValues.toJson(row.getValue(i)));
                }
                long size = sizeOf(values);
                if (bytes + size > limits.maxBytes()) {
                    truncation = limits.bytesTruncation();
                    return;
                }
                bytes += size;
                rows.add(values);
            }
        }

        Result result() {
            return new Result(columns == null ? List.of() : columns, rows, truncation);
        }
    }

    private static List<Map<String, Object>> columns(List<ColumnDescriptor> descriptors) {
        List<Map<String, Object>> columns = new ArrayList<>();
        for (ColumnDescriptor descriptor : descriptors) {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("name", descriptor.name());
            column.put("type", descriptor.typeName());
            columns.add(column);
        }
        return columns;
    }

    /** The row's size as UTF-8 JSON, counted as it is encoded (no text of it is kept). */
    private long sizeOf(List<Object> values) {
        try {
            return PlainJson.utf8Length(json, values);
        } catch (IOException e) {
            throw new IllegalStateException("row not serialisable", e);
        }
    }

    /** A statement the server rejected: its message and SQLSTATE, with a hint for the common read-only cases. */
    public static ToolCallException sqlError(PgException e) {
        String state = e.getSqlState();
        String hint = switch (state == null ? "" : state) {
            case "25006" -> " The connector runs queries in a read-only transaction.";
            case "57014" -> " The statement ran past connector.limits.timeout and was cancelled by the server.";
            case "42601" -> " Check the SQL syntax; only one statement is allowed per call.";
            case "42P01", "42703" -> " Use list_tables and describe_table to see what exists.";
            case "42501" -> " The connector's database role lacks the privilege.";
            default -> "";
        };
        return new ToolCallException("PostgreSQL refused the statement: " + PostgresErrors.describe(e) + "." + hint);
    }
}
