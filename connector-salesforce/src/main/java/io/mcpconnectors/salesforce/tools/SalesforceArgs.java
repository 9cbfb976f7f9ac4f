package io.mcpconnectors.salesforce.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.salesforce.SalesforceApi;

/** Arguments the Salesforce tools share, and the API usage they report. */
final class SalesforceArgs {

    static final Pattern RECORD_ID = Pattern.compile("[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?");
    static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}(?:\\.[A-Za-z][A-Za-z0-9_]{0,79}){0,4}");

    static final Arg<String> OBJECT = Arg.string("object", "object API name, e.g. Account, Opportunity, Invoice__c")
            .required();
    static final Arg<String> ID = Arg.string("id", "record id (15 or 18 characters)").required();

    private SalesforceArgs() {
    }

    static String recordId(String id) {
        if (id == null || !RECORD_ID.matcher(id).matches()) {
            throw new ToolCallException("Argument 'id' must be a Salesforce record id: 15 or 18 letters and digits,"
                    + " e.g. 001xx000003DGb2AAG.");
        }
        return id;
    }

    static String fieldName(String name) {
        if (name == null || !FIELD_NAME.matcher(name).matches()) {
            throw new ToolCallException("'" + name + "' is not a field API name (see describe_object).");
        }
        return name;
    }

    /** A fields object for create/update: field API names to JSON values. */
    static Map<String, Object> recordFields(Map<String, Object> fields) {
        if (fields == null || fields.isEmpty()) {
            throw new ToolCallException("Argument 'fields' must name at least one field, e.g. {\"Name\": \"Acme\"}.");
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (name.contains(".")) {
                throw new ToolCallException("'" + name + "' is not a field of this object; set related records"
                        + " with their own call.");
            }
            checked.put(fieldName(name), value);
        });
        checked.remove("attributes");
        return checked;
    }

    /** API usage after the call, when Salesforce reported it (absent otherwise: the schema declares an object). */
    static void putUsage(Map<String, Object> data, SalesforceApi api) {
        SalesforceApi.ApiUsage usage = api.usage();
        if (usage != null) {
            data.put("api_usage", Map.of("used", usage.used(), "max", usage.max()));
        }
    }
}
