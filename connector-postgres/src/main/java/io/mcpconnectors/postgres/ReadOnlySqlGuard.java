package io.mcpconnectors.postgres;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mcpconnectors.common.spi.ToolCallException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * The second read-only layer: parses a statement with a real SQL parser and refuses anything but one plain query.
 * It is an extra layer; the first (a READ ONLY transaction with a server-side timeout, always rolled back) holds
 * on its own. Refused: more than one statement, anything that is not a SELECT/VALUES/TABLE query, data-modifying
 * CTEs, SELECT ... INTO, row locks (FOR UPDATE/SHARE), and functions that change settings, read server files, reach
 * other servers, signal backends or take session locks. A statement the parser does not understand is refused
 * too, with a message saying so.
 */
@ApplicationScoped
public class ReadOnlySqlGuard {

    /** Functions refused by exact name. */
    static final Set<String> DENIED_FUNCTIONS = Set.of("set_config", "pg_read_file", "pg_read_binary_file",
            "pg_ls_dir", "pg_stat_file", "pg_ls_logdir", "pg_ls_waldir", "pg_ls_tmpdir", "pg_ls_archive_statusdir",
            "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile", "pg_switch_wal",
            "pg_create_restore_point", "pg_promote", "pg_notify", "pg_logical_emit_message", "pg_file_write",
            "pg_file_rename", "pg_file_unlink", "pg_file_sync", "pg_import_system_collations", "query_to_xml",
            "query_to_xml_and_xmlschema", "table_to_xml", "cursor_to_xml", "database_to_xml", "schema_to_xml",
            "query_to_xmlschema", "table_to_xmlschema", "cursor_to_xmlschema", "schema_to_xmlschema",
            "database_to_xmlschema", "table_to_xml_and_xmlschema", "schema_to_xml_and_xmlschema",
            "database_to_xml_and_xmlschema", "ts_stat", "ts_rewrite", "pg_sleep_until");

    /** Functions refused by prefix: large objects, dblink, advisory locks, replication control. */
    static final List<String> DENIED_PREFIXES = List.of("lo_", "dblink", "pg_advisory", "pg_try_advisory",
            "pg_replication_", "pg_create_", "pg_drop_", "pg_copy_", "pg_stat_reset", "pg_wal_replay");

    static final long COMPLEX_PARSE_TIMEOUT_MS = 2000;

    private final ExecutorService complexParses = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "sql-guard-parser");
        thread.setDaemon(true);
        return thread;
    });

    /** Statements longer than this are checked every time rather than remembered. */
    static final int MAX_REMEMBERED_CHARS = 16_384;

    /**
     * Verdicts on statements already checked, by exact text: parsing costs a few hundred microseconds, and hosts
     * repeat the same statement (with different parameters) often. Bounded by total text size.
     */
    private final Cache<String, Verdict> verdicts = Caffeine.newBuilder().maximumWeight(4_000_000)
            .weigher((String sql, Verdict verdict) -> sql.length() + 64).build();

    /** The outcome of checking one statement: the statement to run, or why it was refused. */
    private record Verdict(String sql, String refusal) {
        String sqlOrThrow() {
            if (refusal != null) {
                throw new ToolCallException(refusal);
            }
            return sql;
        }
    }

    /** Checks a statement for the query tool; returns it trimmed of a trailing semicolon. */
    public String checkQuery(String sql) {
        if (sql == null || sql.length() > MAX_REMEMBERED_CHARS) {
            return analyseQuery(sql);
        }
        Verdict known = verdicts.getIfPresent(sql);
        if (known == null) {
            try {
                known = new Verdict(analyseQuery(sql), null);
            } catch (ToolCallException e) {
                known = new Verdict(null, e.getMessage());
            }
            verdicts.put(sql, known);
        }
        return known.sqlOrThrow();
    }

    /**
     * {@link #checkQuery} for a caller on an event loop: a remembered verdict at once, otherwise the parse runs on
     * a worker thread so a long statement never stalls the loop.
     */
    public Future<String> checkQuery(Vertx vertx, String sql) {
        Verdict known = sql == null ? null : verdicts.getIfPresent(sql);
        if (known != null) {
            try {
                return Future.succeededFuture(known.sqlOrThrow());
            } catch (ToolCallException e) {
                return Future.failedFuture(e);
            }
        }
        return vertx.executeBlocking(() -> checkQuery(sql), false);
    }

    private String analyseQuery(String sql) {
        Statement statement = parseSingle(sql);
        if (!(statement instanceof Select select)) {
            throw refused("only a query (SELECT, WITH ... SELECT, VALUES or TABLE) can run here, not "
                    + kind(statement) + (statement instanceof Insert || statement instanceof Update
                            || statement instanceof Delete ? "; changing data needs the execute tool" : ""));
        }
        Findings findings = new Findings();
        try {
            findings.scan(select);
        } catch (RuntimeException e) {
            // The walker met a construct it cannot follow: unknown means not allowed.
            throw refused("the statement could not be fully analysed by the safety check, so it is not run;"
                    + " rewrite it as a plainer SELECT");
        }
        findings.throwIfAny();
        refuseDeniedCalls(sql);
        return stripTrailingSemicolon(sql);
    }

    /** Refused functions wherever they are in the text, beyond the clauses the parser-based walk visits. */
    static void refuseDeniedCalls(String sql) {
        String denied = DeniedFunctionScan.firstDenied(sql);
        if ("U&".equals(denied)) {
            throw refused("identifiers and strings with Unicode escapes (U&\"...\") are not accepted; write the name"
                    + " plainly");
        }
        if (denied != null) {
            throw refused("the function " + denied + " is not allowed (it changes settings or the role, reads"
                    + " server files, runs SQL text, reaches other servers, or takes locks)");
        }
    }

    Statement parseSingle(String sql) {
        if (sql == null || sql.isBlank()) {
            throw refused("the statement is empty");
        }
        Statements statements;
        try {
            statements = parse(sql);
        } catch (JSQLParserException | ParseException | TokenMgrException e) {
            throw refused("the statement could not be parsed by the safety check, so it is not run. Check the"
                    + " syntax, or rewrite it as a plainer SELECT");
        }
        if (statements == null || statements.isEmpty()) {
            throw refused("the statement is empty");
        }
        if (statements.size() > 1) {
            throw refused("exactly one statement is allowed per call, found " + statements.size());
        }
        return statements.get(0);
    }

    /**
     * Parses on the caller's thread with the parser's simple grammar, which covers ordinary SQL quickly; only a
     * statement that needs the complex grammar goes to the parser's own time-limited path.
     */
    private Statements parse(String sql) throws JSQLParserException, ParseException {
        try {
            return CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(false).Statements();
        } catch (ParseException | TokenMgrException e) {
            return CCJSqlParserUtil.parseStatements(CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(true)
                    .withTimeOut(COMPLEX_PARSE_TIMEOUT_MS), complexParses);
        }
    }

    @PreDestroy
    void close() {
        complexParses.shutdownNow();
    }

    static String stripTrailingSemicolon(String sql) {
        String trimmed = sql.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }

    static String kind(Statement statement) {
        return statement.getClass().getSimpleName().toUpperCase(Locale.ROOT);
    }

    static ToolCallException refused(String why) {
        return new ToolCallException("Refused by the read-only guard: " + why + ".");
    }

    /** Walks every part of a query (subqueries, CTEs, expressions) and collects what is not allowed. */
    private static final class Findings extends TablesNamesFinder<Void> {

        private final Set<String> problems = new LinkedHashSet<>();

        Findings() {
            init(true);
        }

        void scan(Select select) {
            select.accept((net.sf.jsqlparser.statement.StatementVisitor<Void>) this, null);
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw refused(String.join("; ", problems));
            }
        }

        @Override
        public <S> Void visit(Function function, S context) {
            String name = function.getName() == null ? "" : unquote(function.getName());
            String bare = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
            if (DENIED_FUNCTIONS.contains(bare) || DENIED_PREFIXES.stream().anyMatch(bare::startsWith)) {
                problems.add("function " + bare + "() is not allowed");
            }
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(PlainSelect select, S context) {
            checkSelect(select);
            if (select.getIntoTables() != null && !select.getIntoTables().isEmpty()) {
                problems.add("SELECT ... INTO creates a table and is not allowed");
            }
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(Select select, S context) {
            checkSelect(select);
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(WithItem<?> item, S context) {
            if (modifiesData(item)) {
                problems.add("a WITH clause that changes data is not allowed");
                return null;
            }
            return super.visit(item, context);
        }

        @Override
        public <S> Void visit(Insert insert, S context) {
            problems.add("INSERT is not allowed");
            return null;
        }

        @Override
        public <S> Void visit(Update update, S context) {
            problems.add("UPDATE is not allowed");
            return null;
        }

        @Override
        public <S> Void visit(Delete delete, S context) {
            problems.add("DELETE is not allowed");
            return null;
        }

        private void checkSelect(Select select) {
            if (select.getForMode() != null || select.getForUpdateTable() != null) {
                problems.add("row locks (FOR UPDATE / FOR SHARE) are not allowed");
            }
            if (select.getWithItemsList() != null) {
                for (WithItem<?> item : select.getWithItemsList()) {
                    if (modifiesData(item)) {
                        problems.add("a WITH clause that changes data is not allowed");
                    }
                }
            }
        }

        private static boolean modifiesData(WithItem<?> item) {
            Object statement = item.getParenthesedStatement();
            return statement instanceof net.sf.jsqlparser.statement.insert.ParenthesedInsert
                    || statement instanceof net.sf.jsqlparser.statement.update.ParenthesedUpdate
                    || statement instanceof net.sf.jsqlparser.statement.delete.ParenthesedDelete
                    || statement instanceof Insert || statement instanceof Update || statement instanceof Delete;
        }

        private static String unquote(String name) {
            return name.replace("\"", "").toLowerCase(Locale.ROOT);
        }
    }
}
