package io.mcpconnectors.postgres.tools;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;

@ApplicationScoped
public class ExecuteDdlTool implements ConnectorTool {

    private static final ToolSpec SPEC = new ToolSpec("execute_ddl", "Change structure",
            "Runs one CREATE, ALTER, DROP, TRUNCATE, COMMENT or GRANT statement in its own transaction with the"
                    + " server-side timeout; a failure rolls back completely.",
            ToolAccess.ADMIN, List.of(StatementExecution.STRUCTURE_CHANGE.spec()),
            StatementExecution.PROPERTIES);

    private final StatementExecution execution;

    public ExecuteDdlTool(StatementExecution execution) {
        this.execution = execution;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) throws Exception {
        return execution.execute(call, ToolAccess.ADMIN);
    }

    @Override
    public String preview(ToolCall call) throws Exception {
        return execution.preview(call, ToolAccess.ADMIN);
    }
}
