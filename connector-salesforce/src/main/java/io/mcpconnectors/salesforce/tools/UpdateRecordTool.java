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
public class UpdateRecordTool implements ConnectorTool {

    private static final ToolSpec SPEC = new ToolSpec("update_record", "Update a record",
            "Sets field values on one record. Fields not named keep their values.",
            ToolAccess.WRITE, List.of(SalesforceArgs.OBJECT.spec(), SalesforceArgs.ID.spec(),
                    CreateRecordTool.FIELDS.spec()),
            properties("id", string("id of the updated record")));

    private final SalesforceApi api;

    public UpdateRecordTool(SalesforceApi api) {
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
        Map<String, Object> fields = SalesforceArgs.recordFields(call.get(CreateRecordTool.FIELDS));
        api.patch(call, "/sobjects/" + object + "/" + id, fields);
        return ToolResult.of(Map.of("id", id), 1);
    }
}
