package io.mcpconnectors.postgres;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.Truncation;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Reads the database's own catalog: schemas, relations and a table's full description. Only objects the
 * connector's role may use are shown. Shared by the tools and the schema resources.
 */
@ApplicationScoped
public class PostgresCatalog {

    static final String SCHEMAS = """
            SELECT n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner, obj_description(n.oid, 'pg_namespace') AS comment
            FROM pg_namespace n
            WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
              AND has_schema_privilege(n.oid, 'USAGE')
            ORDER BY 1""";

    static final String TABLES = """
            SELECT n.nspname AS schema, c.relname AS name,
                   CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table' WHEN 'v' THEN 'view'
                                  WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' END AS type,
                   CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END AS row_estimate,
                   obj_description(c.oid, 'pg_class') AS comment
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
              AND ($1::text IS NULL OR n.nspname = $1)
              AND has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT')
            ORDER BY 1, 2""";

    static final String RELATION = """
            SELECT c.oid::int8 AS oid, c.relkind::text AS kind, obj_description(c.oid, 'pg_class') AS comment,
                   CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END AS row_estimate
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND has_table_privilege(c.oid, 'SELECT')""";

    static final String COLUMNS = """
            SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
                   pg_get_expr(d.adbin, d.adrelid) AS default, col_description(a.attrelid, a.attnum) AS comment
            FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = $1::int8::oid AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";

    static final String CONSTRAINTS = """
            SELECT conname AS name, contype::text AS kind, pg_get_constraintdef(oid) AS definition,
                   ARRAY(SELECT a.attname FROM unnest(conkey) WITH ORDINALITY k(num, ord)
                         JOIN pg_attribute a ON a.attrelid = conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns
            FROM pg_constraint WHERE conrelid = $1::int8::oid ORDER BY contype, conname""";

    static final String INDEXES = """
            SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition, x.indisunique AS unique,
                   x.indisprimary AS primary
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = $1::int8::oid ORDER BY 1""";

    public List<Map<String, Object>> schemas(SqlConnection connection) throws Exception {
        return maps(Blocking.await(connection.preparedQuery(SCHEMAS).execute()));
    }

    /** Relations and, when the cap cut the list, the limit that applied. */
    public record Tables(List<Map<String, Object>> tables, Truncation truncation) {
    }

    /** Relations, optionally in one schema, capped by the call's limits. */
    public Tables tables(SqlConnection connection, String schema, CallLimits limits) throws Exception {
        List<Map<String, Object>> all = maps(
                Blocking.await(connection.preparedQuery(TABLES).execute(Tuple.tuple().addString(schema))));
        if (all.size() > limits.maxItems()) {
            return new Tables(List.copyOf(all.subList(0, limits.maxItems())), limits.itemsTruncation());
        }
        return new Tables(all, null);
    }

    /** The full description of a table or view; a clear refusal when it does not exist or is not readable. */
    public Map<String, Object> describe(SqlConnection connection, String schema, String table) throws Exception {
        RowSet<Row> relation = Blocking.await(connection.preparedQuery(RELATION).execute(Tuple.of(schema, table)));
        if (relation.size() == 0) {
            throw new ToolCallException("No table or view " + schema + "." + table + " that this role can read; use"
                    + " list_tables to see what exists (names are case-sensitive).");
        }
        Row row = relation.iterator().next();
        Object oid = row.getValue("oid");
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("schema", schema);
        description.put("name", table);
        description.put("type", switch (row.getString("kind")) {
            case "v" -> "view";
            case "m" -> "materialized view";
            case "p" -> "partitioned table";
            case "f" -> "foreign table";
            default -> "table";
        });
        description.put("row_estimate", PgValues.toJson(row.getValue("row_estimate")));
        description.put("comment", row.getString("comment"));
        description.put("columns", maps(Blocking.await(connection.preparedQuery(COLUMNS).execute(Tuple.of(oid)))));
        List<Map<String, Object>> primaryKey = new ArrayList<>();
        List<Map<String, Object>> foreignKeys = new ArrayList<>();
        List<Map<String, Object>> checks = new ArrayList<>();
        List<Map<String, Object>> unique = new ArrayList<>();
        for (Map<String, Object> constraint : maps(
                Blocking.await(connection.preparedQuery(CONSTRAINTS).execute(Tuple.of(oid))))) {
            String kind = (String) constraint.remove("kind");
            switch (kind) {
                case "p" -> primaryKey.add(constraint);
                case "f" -> foreignKeys.add(constraint);
                case "c" -> checks.add(constraint);
                case "u" -> unique.add(constraint);
                default -> {
                }
            }
        }
        description.put("primary_key", primaryKey.isEmpty() ? null : primaryKey.get(0).get("columns"));
        description.put("foreign_keys", foreignKeys);
        description.put("unique_constraints", unique);
        description.put("check_constraints", checks);
        description.put("indexes", maps(Blocking.await(connection.preparedQuery(INDEXES).execute(Tuple.of(oid)))));
        return description;
    }

    static List<Map<String, Object>> maps(RowSet<Row> rows) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                map.put(row.getColumnName(i), PgValues.toJson(row.getValue(i)));
            }
            result.add(map);
        }
        return result;
    }

    /** A schema-qualified name quoted for SQL: the identifiers are taken as given, quotes doubled. */
    public static String quoted(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
