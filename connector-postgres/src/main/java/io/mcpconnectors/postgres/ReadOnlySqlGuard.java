package io.mcpconnectors.postgres;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.postgres.SqlTokens.Kind;
import io.mcpconnectors.postgres.SqlTokens.Token;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The pre-check of a query, made on the statement's tokens as PostgreSQL's lexer reads them ({@link SqlTokens}). It
 * is an extra layer: the authority is the engine (a {@code READ ONLY} transaction with a server-side timeout, always
 * rolled back, one statement per call by the extended protocol, the session reset after every call). The pre-check
 * refuses what the engine alone would let through or what is plainly not a read, and nothing else, so every statement
 * PostgreSQL runs as a read is run:
 * <ul>
 * <li>more than one statement;</li>
 * <li>a statement that does not start as a query (SELECT, WITH, VALUES, TABLE, optionally in parentheses);</li>
 * <li>INSERT, UPDATE, DELETE or MERGE anywhere (a data-modifying WITH, or after a WITH);</li>
 * <li>row locks ({@code FOR UPDATE}, {@code FOR NO KEY UPDATE}, {@code FOR SHARE}, {@code FOR KEY SHARE});</li>
 * <li>{@code SELECT ... INTO}, which creates a table;</li>
 * <li>functions that act outside the transaction or change the session: settings ({@code set_config}), server
 * files, other servers ({@code dblink}), backends, session locks ({@code pg_advisory_*}), large objects, replication,
 * and functions that run SQL given as text, wherever they are called, and names with Unicode escapes.</li>
 * </ul>
 * The docs ("Read-only model" in docs/postgres.md) say why this is not a full parser.
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

    /** How a query may begin. */
    static final Set<String> QUERY_STARTS = Set.of("select", "with", "values", "table");

    /** Key words of the statements that change data; a query holds none of them outside strings and names. */
    static final Set<String> DATA_CHANGES = Set.of("insert", "update", "delete", "merge");

    /** Checks a statement for the query and explain tools; returns the one statement without trailing semicolons. */
    public String checkQuery(String sql) {
        if (sql == null || sql.isBlank()) {
            throw refused("the statement is empty");
        }
        List<Token> tokens = SqlTokens.of(sql);
        int end = statementEnd(tokens);
        List<Token> statement = tokens.subList(0, end);
        if (statement.isEmpty()) {
            throw refused("the statement is empty");
        }
        checkKind(statement);
        checkNoDataChangeOrLock(statement);
        checkNoInto(statement);
        refuseDeniedCalls(statement);
        // Cut at the first semicolon, so nothing (not even a comment) follows the statement that runs.
        return end < tokens.size() ? sql.substring(0, tokens.get(end).start()).strip() : sql.strip();
    }

    /**
     * {@link #checkQuery} for a caller on an event loop. The check reads the text once, in linear time, so it runs
     * on the caller's thread.
     */
    public Future<String> checkQuery(Vertx vertx, String sql) {
        try {
            return Future.succeededFuture(checkQuery(sql));
        } catch (ToolCallException e) {
            return Future.failedFuture(e);
        }
    }

    /** Where the statement ends: its first semicolon, which may be followed only by more semicolons. */
    private static int statementEnd(List<Token> tokens) {
        int statements = SqlTokens.statementCount(tokens);
        if (statements > 1) {
            throw refused("exactly one statement is allowed per call, found " + statements);
        }
        for (int k = 0; k < tokens.size(); k++) {
            if (tokens.get(k).isPunctuation(';')) {
                return k;
            }
        }
        return tokens.size();
    }

    private static void checkKind(List<Token> statement) {
        Token first = statement.stream().filter(t -> !t.isPunctuation('(')).findFirst().orElse(statement.get(0));
        if (first.kind() == Kind.WORD && QUERY_STARTS.contains(first.text())) {
            return;
        }
        String kind = first.kind() == Kind.WORD ? first.text().toUpperCase(Locale.ROOT) : "'" + first.text() + "'";
        throw refused("only a query (SELECT, WITH ... SELECT, VALUES or TABLE) can run here, not " + kind
                + (DATA_CHANGES.contains(first.text()) ? "; changing data needs the execute tool" : ""));
    }

    /**
     * INSERT, UPDATE, DELETE and MERGE are key words PostgreSQL also accepts as names; as a column qualified by a
     * table ({@code t.update}) or an alias after AS they are names, anywhere else they are refused (quote such a name:
     * {@code "update"}). After FOR or KEY, UPDATE and SHARE lock rows.
     */
    private static void checkNoDataChangeOrLock(List<Token> statement) {
        for (int k = 0; k < statement.size(); k++) {
            Token token = statement.get(k);
            if (token.kind() != Kind.WORD) {
                continue;
            }
            Token before = k > 0 ? statement.get(k - 1) : null;
            boolean lockWord = token.isWord("update") || token.isWord("share");
            if (lockWord && before != null && (before.isWord("for") || before.isWord("key"))) {
                throw refused("row locks (FOR UPDATE / FOR SHARE) are not allowed in a read-only query");
            }
            boolean asName = before != null && (before.isPunctuation('.') || before.isWord("as"));
            if (DATA_CHANGES.contains(token.text()) && !asName) {
                throw refused("a statement that changes data (" + token.text().toUpperCase(Locale.ROOT) + "), in a"
                        + " WITH clause or anywhere in a query, is not allowed; changing data needs the execute tool"
                        + " (a column named " + token.text() + " must be written in double quotes)");
            }
        }
    }

    /** INTO is reserved: in a query it can only be SELECT ... INTO, which creates a table. */
    private static void checkNoInto(List<Token> statement) {
        if (statement.stream().anyMatch(t -> t.isWord("into"))) {
            throw refused("SELECT ... INTO creates a table and is not allowed; select the rows instead");
        }
    }

    /** Refused functions wherever they are in the text. */
    static void refuseDeniedCalls(String sql) {
        refuseDeniedCalls(SqlTokens.of(sql));
    }

    private static void refuseDeniedCalls(List<Token> tokens) {
        String denied = DeniedFunctionScan.firstDenied(tokens);
        if ("U&".equals(denied)) {
            throw refused("identifiers with Unicode escapes (U&\"...\") are not accepted; write the name plainly");
        }
        if (denied != null) {
            throw refused("the function " + denied + " is not allowed (it changes settings or the role, reads"
                    + " server files, runs SQL text, reaches other servers, or takes locks)");
        }
    }

    static String stripTrailingSemicolon(String sql) {
        String trimmed = sql.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }

    static ToolCallException refused(String why) {
        return new ToolCallException("Refused by the read-only guard: " + why + ".");
    }
}
