package io.mcpconnectors.salesforce.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.salesforce.SalesforceApi;
import io.mcpconnectors.salesforce.SalesforceDescribes;

@ApplicationScoped
public class DeleteRecordTool implements ConnectorTool {

    private static final ToolSpec SPEC = new ToolSpec("delete_record", "Delete a record",
            "Deletes one record (it goes to the org's Recycle Bin, where an admin can restore it).",
            ToolAccess.WRITE, List.of(SalesforceArgs.OBJECT.spec(), SalesforceArgs.ID.spec()),
            properties("deleted", string("id of the deleted record")));

    private final SalesforceApi api;

    public DeleteRecordTool(SalesforceApi api) {
        this.api = api;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) {
        String object = SalesforceDescribes.objectName(call.get(SalesforceArgs.OBJECT),
                SalesforceArgs.OBJECT.name());
        String id = SalesforceArgs.recordId(call.get(SalesforceArgs.ID));
        api.delete(call, "/sobjects/" + object + "/" + id);
        return ToolResult.of(Map.of("deleted", id), 1);
    }
}
