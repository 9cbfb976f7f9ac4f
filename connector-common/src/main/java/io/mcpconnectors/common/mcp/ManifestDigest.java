package io.mcpconnectors.common.mcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What an MCP server offers, as a client lists it (tools with their descriptions, input and output schemas,
 * annotations and metadata; resources; resource templates; prompts with their arguments), in one canonical JSON form
 * with its SHA-256. The same function digests a connector's own registrations (the {@code manifest} command) and what
 * a gateway lists from it over MCP, so a pinned digest fails on any change: a reworded description, an extra tool, a
 * lookalike name. Only the fields that define an entry are kept, object keys are sorted and entries are ordered by
 * name, so the digest does not depend on the order or formatting a server or client library uses.
 *
 * @param manifest the canonical manifest
 * @param sha256 the hex SHA-256 of its compact canonical JSON
 */
public record ManifestDigest(Map<String, Object> manifest, String sha256) {

    static final List<String> TOOL_FIELDS = List.of("name", "title", "description", "inputSchema", "outputSchema",
            "annotations", "_meta");
    static final List<String> RESOURCE_FIELDS = List.of("name", "title", "description", "uri", "mimeType", "_meta");
    static final List<String> TEMPLATE_FIELDS = List.of("name", "title", "description", "uriTemplate", "mimeType",
            "_meta");
    static final List<String> PROMPT_FIELDS = List.of("name", "title", "description", "arguments", "_meta");

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * The digest of lists as a client sees them: each entry a JSON object (as parsed into maps and lists).
     */
    @SuppressWarnings("unchecked")
    public static ManifestDigest of(List<Map<String, Object>> tools, List<Map<String, Object>> resources,
            List<Map<String, Object>> templates, List<Map<String, Object>> prompts) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("prompts", entries(prompts, PROMPT_FIELDS, "name"));
        manifest.put("resourceTemplates", entries(templates, TEMPLATE_FIELDS, "uriTemplate"));
        manifest.put("resources", entries(resources, RESOURCE_FIELDS, "uri"));
        manifest.put("tools", entries(tools, TOOL_FIELDS, "name"));
        Map<String, Object> canonical = (Map<String, Object>) canonical(manifest);
        try {
            byte[] bytes = CANONICAL.writeValueAsBytes(canonical);
            return new ManifestDigest(canonical, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(bytes)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("the manifest cannot be encoded", e);
        }
    }

    /** The canonical JSON, compact, as hashed. */
    public String json() {
        try {
            return new String(CANONICAL.writeValueAsBytes(manifest), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Object> entries(List<Map<String, Object>> items, List<String> fields, String key) {
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Map<String, Object> item : items) {
            Map<String, Object> entry = new TreeMap<>();
            for (String field : fields) {
                Object value = item.get(field);
                // Absent, null and empty are the same to a client, and client libraries differ in which they send.
                if (value != null && !(value instanceof Map<?, ?> map && map.isEmpty())
                        && !(value instanceof List<?> list && list.isEmpty())) {
                    entry.put(field, value);
                }
            }
            kept.add(entry);
        }
        kept.sort(Comparator.comparing(e -> String.valueOf(e.get(key))));
        return new ArrayList<>(kept);
    }

    /** Sorted keys at every level, nulls dropped (a client library may or may not send an absent field as null). */
    @SuppressWarnings("unchecked")
    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    sorted.put(String.valueOf(k), canonical(v));
                }
            });
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(v -> items.add(canonical(v)));
            return items;
        }
        return value;
    }
}
