package io.mcpconnectors.common.spi;

import java.util.List;
import java.util.Map;

/**
 * What a tool returns. The runtime serialises {@code data} as the structured content, adds the {@code truncated}
 * flag and the limit that applied, and renders it as text.
 *
 * @param data the structured result: a map that serialises to a JSON object
 * @param items how many items (entries, lines, matches) it holds, for audit
 * @param truncation why it is incomplete, or null when complete
 * @param media binary content returned beside the structured result
 * @param links resources the client can read instead of content returned here
 */
public record ToolResult(Map<String, Object> data, long items, Truncation truncation, List<Media> media,
        List<ResourceLinkRef> links) {

    public ToolResult {
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
        media = List.copyOf(media);
        links = List.copyOf(links);
    }

    public ToolResult(Map<String, Object> data, long items, Truncation truncation, List<Media> media) {
        this(data, items, truncation, media, List.of());
    }

    /** This result with a resource link added to its content. */
    public ToolResult withLink(ResourceLinkRef link) {
        List<ResourceLinkRef> more = new java.util.ArrayList<>(links);
        more.add(link);
        return new ToolResult(data, items, truncation, media, more);
    }

    public static ToolResult of(Map<String, Object> data, long items) {
        return new ToolResult(data, items, null, List.of());
    }

    public static ToolResult of(Map<String, Object> data, long items, Truncation truncation) {
        return new ToolResult(data, items, truncation, List.of());
    }

    public boolean truncated() {
        return truncation != null;
    }
}
