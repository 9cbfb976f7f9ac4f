package io.mcpconnectors.postgres.tools;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;

@ApplicationScoped
public class ExecuteTool implements ConnectorTool {

    private static final ToolSpec SPEC = new ToolSpec("execute", "Change data",
            "Runs one INSERT, UPDATE, DELETE or MERGE with optional parameters $1, $2, ... in its own transaction with"
                    + " the server-side timeout; a failure rolls back completely. Returns the affected row count.",
            ToolAccess.WRITE, List.of(StatementExecution.DATA_CHANGE.spec(),
                    QueryTool.PARAMS.spec()),
            StatementExecution.PROPERTIES);

    private final StatementExecution execution;

    public ExecuteTool(StatementExecution execution) {
        this.execution = execution;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) throws Exception {
        return execution.execute(call, ToolAccess.WRITE);
    }

    @Override
    public String preview(ToolCall call) throws Exception {
        return execution.preview(call, ToolAccess.WRITE);
    }
}
