package io.mcpconnectors.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mcpconnectors.common.spi.ToolCallException;

/**
 * Refused functions are refused wherever they sit in a statement (clauses the parser-based walk does not visit, SQL
 * text another function would run, Unicode-escaped names), and a refused name that is only text (a string, a
 * comment, a column) does not make a statement refused.
 */
class DeniedFunctionsAnywhereTest {

    final ReadOnlySqlGuard guard = new ReadOnlySqlGuard();

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1 ORDER BY set_config('role','x',true)",
            "SELECT 1 GROUP BY set_config('role','x',true)",
            "SELECT 1 FROM t GROUP BY GROUPING SETS ((set_config('role','x',true)))",
            "SELECT 1 FROM t GROUP BY ROLLUP (set_config('role','x',true))",
            "SELECT row_number() OVER (PARTITION BY set_config('role','x',true))",
            "SELECT row_number() OVER (ORDER BY set_config('role','x',true))",
            "SELECT 1 FROM t WINDOW w AS (ORDER BY set_config('role','x',true))",
            "SELECT count(*) FILTER (WHERE set_config('role','x',true) = 'x') FROM t",
            "SELECT 1 OFFSET length(set_config('role','x',true))",
            "SELECT 1 FETCH FIRST (length(set_config('role','x',true))) ROWS ONLY",
            "SELECT string_agg(x, ',' ORDER BY set_config('role','x',true)) FROM t",
            "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY length(set_config('role','x',true))) FROM t",
            "SELECT DISTINCT ON (set_config('role','x',true)) 1",
            "SELECT x->>set_config('role','x',true) FROM t",
            "SELECT x[length(set_config('role','x',true))] FROM t",
            "SELECT (SELECT 1 ORDER BY set_config('role','x',true))",
            "SELECT U&\"set\\005fconfig\"('role','x',true)",
            "SELECT 1 ORDER BY pg_read_file('/etc/passwd')",
            "SELECT 1 ORDER BY pg_advisory_lock(1)",
            "SELECT * FROM ts_stat($$SELECT to_tsvector(set_config('role','x',true))$$)",
            "SELECT ts_rewrite('a'::tsquery, $$SELECT 'a'::tsquery, 'b'::tsquery$$)" })
    void refusesDeniedFunctionsWhereverTheyAre(String sql) {
        assertThrows(ToolCallException.class, () -> guard.checkQuery(sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 'set_config(''role'', ''x'', true)' AS text",
            "SELECT $$ set_config('role', 'x', true) $$ AS text",
            "SELECT \"set_config\" FROM (VALUES (1)) AS t(\"set_config\")",
            "SELECT $1::text AS param" })
    void acceptsRefusedNamesThatAreOnlyText(String sql) {
        assertEquals(sql, guard.checkQuery(sql));
    }

    /** Reading the text as PostgreSQL does: escape strings, tagged dollar quotes and nested comments are text. */
    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT E'it\\'s set_config(\\'role\\')' AS text",
            "SELECT $q$ pg_read_file('/etc/passwd') $q$ AS text",
            "SELECT 1 -- set_config('role', 'x', true)\nFROM t",
            "SELECT 1 /* pg_advisory_lock(1) /* nested */ set_config( */ FROM t",
            "SELECT $1, $2 FROM t WHERE a = $$x$$" })
    void findsNoCallInText(String sql) {
        assertNull(DeniedFunctionScan.firstDenied(sql), sql);
    }
}
