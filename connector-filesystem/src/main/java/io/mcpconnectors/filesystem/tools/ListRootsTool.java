package io.mcpconnectors.filesystem.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.arrayOf;
import static io.mcpconnectors.common.spi.JsonSchemas.object;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.filesystem.FileAccess;

@ApplicationScoped
public class ListRootsTool implements ConnectorTool {

    private static final ToolSpec SPEC = new ToolSpec("list_roots", "List roots",
            "Lists the directories this connector may access. Every path given to another tool must lie inside one"
                    + " of them; relative paths are resolved against the first.",
            ToolAccess.READ, List.of(),
            properties("roots", arrayOf(object("path", string("absolute path"), "name", string("display name"),
                    "source", string("config, mapped (yours, with user-bound access) or client")), "the roots")));

    private final FileAccess files;

    public ListRootsTool(FileAccess files) {
        this.files = files;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) {
        List<Map<String, Object>> roots = files.roots(call).stream().map(r -> {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("path", r.realPath().toString());
            root.put("name", r.name());
            root.put("source", r.source());
            return root;
        }).toList();
        return ToolResult.of(Map.of("roots", roots), roots.size());
    }
}
