package io.mcpconnectors.salesforce.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ArgSchema;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.salesforce.SalesforceApi;
import io.mcpconnectors.salesforce.SalesforceDescribes;

@ApplicationScoped
public class CreateRecordTool implements ConnectorTool {

    /**
     * Field API names to values: text, numbers, booleans, null (clears the field), or an object (a related record
     * by its external id, or the attributes a read returned, which are left out).
     */
    static final Arg<Map<String, Object>> FIELDS = Arg.object("fields",
            "field API names to values, e.g. {\"Name\": \"Acme\", \"Industry\": \"Energy\", \"AnnualRevenue\":"
                    + " 5000000, \"IsActive__c\": true}; null clears a field").required().shaped(
            ArgSchema.object().withOtherProperties(ArgSchema.oneOf(ArgSchema.string(), ArgSchema.number(),
                    ArgSchema.bool(), ArgSchema.nullValue(), ArgSchema.object().describedAs(
                            "a related record by its external id, e.g. {\"External_Id__c\": \"A-1\"}"))));

    private static final ToolSpec SPEC = new ToolSpec("create_record", "Create a record",
            "Creates one record of an object with the given field values. Salesforce validates it (required"
                    + " fields, validation rules); a refused record is not created.",
            ToolAccess.WRITE, List.of(SalesforceArgs.OBJECT.spec(), FIELDS.spec()),
            properties("id", string("id of the new record")));

    private final SalesforceApi api;

    public CreateRecordTool(SalesforceApi api) {
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
        Map<String, Object> fields = SalesforceArgs.recordFields(call.get(CreateRecordTool.FIELDS));
        String id = api.post(call, "/sobjects/" + object, fields).path("id").asText();
        return ToolResult.of(Map.of("id", id), 1);
    }
}
