package io.mcpconnectors.postgres;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCallException;
import net.sf.jsqlparser.statement.Statement;
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

    private final ReadOnlySqlGuard parser;

    public WriteSqlGuard(ReadOnlySqlGuard parser) {
        this.parser = parser;
    }

    /** Checks the statement is of the expected class and returns it without a trailing semicolon. */
    public String check(String sql, ToolAccess expected) {
        Statement statement = parser.parseSingle(sql);
        ToolAccess actual = classify(statement);
        if (actual == null) {
            throw new ToolCallException("Refused: " + ReadOnlySqlGuard.kind(statement) + " cannot run through the"
                    + " connector. execute runs INSERT, UPDATE, DELETE or MERGE; execute_ddl runs CREATE, ALTER,"
                    + " DROP, TRUNCATE, COMMENT or GRANT; queries go to the query tool.");
        }
        // The same refused functions as in queries: a write must not change the role or the principal it runs as.
        ReadOnlySqlGuard.refuseDeniedCalls(sql);
        if (actual != expected) {
            throw new ToolCallException("Refused: " + ReadOnlySqlGuard.kind(statement) + " is "
                    + (actual == ToolAccess.ADMIN ? "a structure or permission change; use execute_ddl"
                            : "a data change; use execute")
                    + ".");
        }
        return ReadOnlySqlGuard.stripTrailingSemicolon(sql);
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
}
