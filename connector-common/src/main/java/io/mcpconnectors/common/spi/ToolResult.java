package io.mcpconnectors.common.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * @param text the text content, when the tool has a rendering that suits a model better than the structured
 *        content as JSON (rows as a table, a file's text as it is); null: the runtime renders the JSON. The runtime
 *        adds a note when the result was cut short, and ignores this rendering when the data holds
 *        {@link UntrustedText}, whose marking matters more
 * @param content the content the client sees, in this order (text, images, audio, embedded resources, links), in
 *        place of the text rendering; empty: the runtime renders as described above. The structured content is
 *        sent either way. When the data holds {@link UntrustedText}, its marked rendering comes first. Text and
 *        embedded text are scrubbed of the connector's secrets; binary content that holds one is withheld
 */
public record ToolResult(Map<String, Object> data, long items, Truncation truncation, List<Media> media,
        List<ResourceLinkRef> links, String text, List<ContentPart> content) {

    public ToolResult {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        media = List.copyOf(media);
        links = List.copyOf(links);
        content = List.copyOf(content);
    }

    public ToolResult(Map<String, Object> data, long items, Truncation truncation, List<Media> media,
            List<ResourceLinkRef> links, String text) {
        this(data, items, truncation, media, links, text, List.of());
    }

    public ToolResult(Map<String, Object> data, long items, Truncation truncation, List<Media> media,
            List<ResourceLinkRef> links) {
        this(data, items, truncation, media, links, null);
    }

    public ToolResult(Map<String, Object> data, long items, Truncation truncation, List<Media> media) {
        this(data, items, truncation, media, List.of(), null);
    }

    /** This result with a resource link added to its content. */
    public ToolResult withLink(ResourceLinkRef link) {
        List<ResourceLinkRef> more = new ArrayList<>(links);
        more.add(link);
        return new ToolResult(data, items, truncation, media, more, text, content);
    }

    /** This result with its own text rendering in place of the structured content as JSON. */
    public ToolResult withText(String rendering) {
        return new ToolResult(data, items, truncation, media, links, rendering, content);
    }

    /** This result shown as these parts, in this order, in place of its text rendering. */
    public ToolResult withContent(ContentPart... parts) {
        return new ToolResult(data, items, truncation, media, links, text, List.of(parts));
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
