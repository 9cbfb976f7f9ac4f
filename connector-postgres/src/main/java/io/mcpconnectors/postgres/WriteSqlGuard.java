package io.mcpconnectors.postgres;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.postgres.SqlTokens.Kind;
import io.mcpconnectors.postgres.SqlTokens.Token;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.alter.sequence.AlterSequence;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.schema.CreateSchema;
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Classifies a statement for the write tools: data changes (INSERT, UPDATE, DELETE, MERGE) are WRITE; structure and
 * permission changes (CREATE, ALTER, DROP, TRUNCATE, COMMENT, GRANT, rename) are ADMIN. Everything else
 * (transaction control, SET, COPY, DO blocks, several statements) is refused: each tool runs exactly one statement
 * of its own class in its own transaction.
 */
@ApplicationScoped
public class WriteSqlGuard {

    static final long COMPLEX_PARSE_TIMEOUT_MS = 2000;

    private final ExecutorService complexParses = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "sql-guard-parser");
        thread.setDaemon(true);
        return thread;
    });

    /** Checks the statement is of the expected class and returns it without a trailing semicolon. */
    public String check(String sql, ToolAccess expected) {
        // PostgreSQL's own reading of the text (nested comments, dollar quotes, E'' escapes), which the parser
        // below does not share in every detail: both must agree on what the statement is.
        List<Token> tokens = sql == null ? List.of() : SqlTokens.of(sql);
        int statements = SqlTokens.statementCount(tokens);
        if (statements > 1) {
            throw refused("exactly one statement is allowed per call, found " + statements);
        }
        Statement statement = parseSingle(sql);
        ToolAccess actual = classify(statement);
        if (actual != null && actual != classAsPostgresReadsIt(tokens)) {
            throw refused("the safety check and PostgreSQL would read this statement differently (comments nested or"
                    + " placed where the check cannot follow them), so it is not run. Write it without comments");
        }
        if (actual == null) {
            throw new ToolCallException("Refused: " + kind(statement) + " cannot run through the"
                    + " connector. execute runs INSERT, UPDATE, DELETE or MERGE; execute_ddl runs CREATE, ALTER,"
                    + " DROP, TRUNCATE, COMMENT or GRANT; queries go to the query tool.");
        }
        // The same refused functions as in queries: a write must not change the role or the principal it runs as.
        ReadOnlySqlGuard.refuseDeniedCalls(sql);
        if (actual != expected) {
            throw new ToolCallException("Refused: " + kind(statement) + " is "
                    + (actual == ToolAccess.ADMIN ? "a structure or permission change; use execute_ddl"
                            : "a data change; use execute")
                    + ".");
        }
        return ReadOnlySqlGuard.stripTrailingSemicolon(sql);
    }

    /**
     * The class of the statement by its first key word as PostgreSQL reads it; a WITH is a data change when a data
     * changing key word follows it. Null when it is neither.
     */
    static ToolAccess classAsPostgresReadsIt(List<Token> tokens) {
        Token first = tokens.stream().filter(t -> !t.isPunctuation('(')).findFirst().orElse(null);
        if (first == null || first.kind() != Kind.WORD) {
            return null;
        }
        return switch (first.text()) {
            case "insert", "update", "delete", "merge" -> ToolAccess.WRITE;
            case "with" -> tokens.stream().anyMatch(t -> t.kind() == Kind.WORD
                    && ReadOnlySqlGuard.DATA_CHANGES.contains(t.text())) ? ToolAccess.WRITE : null;
            case "create", "alter", "drop", "truncate", "comment", "grant" -> ToolAccess.ADMIN;
            default -> null;
        };
    }

    static ToolAccess classify(Statement statement) {
        if (statement instanceof Insert || statement instanceof Update || statement instanceof Delete
                || statement instanceof Merge) {
            return ToolAccess.WRITE;
        }
        if (statement instanceof CreateTable || statement instanceof CreateIndex || statement instanceof CreateView
                || statement instanceof AlterView || statement instanceof CreateSchema
                || statement instanceof CreateSequence || statement instanceof AlterSequence
                || statement instanceof Alter || statement instanceof Drop || statement instanceof Truncate
                || statement instanceof Comment || statement instanceof Grant
                || statement instanceof RenameTableStatement) {
            return ToolAccess.ADMIN;
        }
        return null;
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
                    + " syntax, or write it more plainly");
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

    static String kind(Statement statement) {
        return statement.getClass().getSimpleName().toUpperCase(Locale.ROOT);
    }

    private static ToolCallException refused(String why) {
        return new ToolCallException("Refused by the write guard: " + why + ".");
    }
}
