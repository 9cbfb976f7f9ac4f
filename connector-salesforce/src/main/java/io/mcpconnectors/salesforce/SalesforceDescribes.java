package io.mcpconnectors.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.ToolCallException;

/**
 * Object describes (fields, picklists, relationships), trimmed to what a query author needs and reused for
 * {@code connector.salesforce.describe-cache-ttl}: describes are large and change rarely. A describe shows what the
 * user who asked may see (field-level security leaves out fields hidden from it), so each is kept for the
 * Salesforce user it was read as and reused only for callers acting as that user.
 */
@ApplicationScoped
public class SalesforceDescribes {

    static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

    /** A describe as one Salesforce user sees it. */
    private record Key(String identity, String object) {
    }

    private final SalesforceApi api;
    private final Cache<Key, Map<String, Object>> cache;

    public SalesforceDescribes(SalesforceApi api, SalesforceConnectorConfig config) {
        this.api = api;
        this.cache = Caffeine.newBuilder().expireAfterWrite(config.describeCacheTtl()).maximumSize(500).build();
    }

    /** Checks an object's API name (Account, Invoice__c, ns__Thing__c) before it goes into a path. */
    public static String objectName(String name, String argument) {
        if (name == null || !API_NAME.matcher(name).matches()) {
            throw new ToolCallException("Argument '" + argument + "' must be an object API name such as Account or"
                    + " Invoice__c (see list_objects).");
        }
        return name;
    }

    /** The object's describe as the caller's Salesforce user sees it. */
    public Map<String, Object> describe(CallerIdentity caller, String object) {
        String name = objectName(object, "name");
        Key key = new Key(caller.audited(), name.toLowerCase());
        Map<String, Object> known = cache.getIfPresent(key);
        if (known != null) {
            return known;
        }
        Map<String, Object> described = trim(api.get(caller, "/sobjects/" + name + "/describe", Map.of()));
        cache.put(key, described);
        return described;
    }

    private static Map<String, Object> trim(JsonNode describe) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", describe.path("name").asText());
        out.put("label", describe.path("label").asText());
        out.put("key_prefix", describe.path("keyPrefix").asText(null));
        out.put("custom", describe.path("custom").asBoolean());
        out.put("queryable", describe.path("queryable").asBoolean());
        out.put("createable", describe.path("createable").asBoolean());
        out.put("updateable", describe.path("updateable").asBoolean());
        out.put("deletable", describe.path("deletable").asBoolean());
        List<Map<String, Object>> fields = new ArrayList<>();
        for (JsonNode field : describe.path("fields")) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", field.path("name").asText());
            f.put("label", field.path("label").asText());
            f.put("type", field.path("type").asText());
            f.put("nillable", field.path("nillable").asBoolean());
            if (field.path("length").asInt() > 0) {
                f.put("length", field.path("length").asInt());
            }
            if (field.path("custom").asBoolean()) {
                f.put("custom", true);
            }
            List<String> picklist = new ArrayList<>();
            for (JsonNode value : field.path("picklistValues")) {
                if (value.path("active").asBoolean(true)) {
                    picklist.add(value.path("value").asText());
                }
            }
            if (!picklist.isEmpty()) {
                f.put("picklist_values", picklist);
            }
            List<String> references = new ArrayList<>();
            field.path("referenceTo").forEach(r -> references.add(r.asText()));
            if (!references.isEmpty()) {
                f.put("reference_to", references);
                f.put("relationship_name", field.path("relationshipName").asText(null));
            }
            fields.add(f);
        }
        out.put("fields", fields);
        List<Map<String, Object>> children = new ArrayList<>();
        for (JsonNode child : describe.path("childRelationships")) {
            if (child.hasNonNull("relationshipName")) {
                children.add(Map.of("child_object", child.path("childSObject").asText(), "field",
                        child.path("field").asText(), "relationship_name", child.path("relationshipName").asText()));
            }
        }
        out.put("child_relationships", children);
        return out;
    }
}
