package io.mcpconnectors.filesystem.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.integer;
import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.common.spi.Truncation;
import io.mcpconnectors.filesystem.FileAccess;
import io.mcpconnectors.filesystem.FileKinds;
import io.mcpconnectors.filesystem.GuardedPath;

@ApplicationScoped
public class DirectoryTreeTool implements ConnectorTool {

    static final int MAX_DEPTH = 10;

    private static final Arg<String> PATH = Arg.string("path", "directory at the top of the tree").required();
    private static final Arg<Long> DEPTH = Arg.integer("depth",
            "levels to descend, 1 to " + MAX_DEPTH + " (default 2)");

    private static final ToolSpec SPEC = new ToolSpec(
            "directory_tree", "Directory tree",
            "Returns the tree under a directory as nested entries {name, type, size?, children?}, down to 'depth'"
                    + " levels (default 2, at most " + MAX_DEPTH + "). Symbolic links are shown, not followed.",
            ToolAccess.READ,
            List.of(PATH.spec(), DEPTH.spec()),
            properties("path", string("the directory at the top"),
                    "tree", Map.of("type", "array", "description", "entries of the top directory, each with children"),
                    "entries", integer("how many entries the tree holds")));

    private final FileAccess files;

    public DirectoryTreeTool(FileAccess files) {
        this.files = files;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(ToolCall call) throws IOException {
        int depth = call.arguments().intInRange(DEPTH, 2, 1, MAX_DEPTH);
        GuardedPath top = files.directory(call, PATH);
        Budget budget = new Budget(call.limits().maxItems(), call.limits().maxBytes());
        List<Map<String, Object>> tree = children(top, top.path(), depth, budget);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", top.display());
        data.put("tree", tree);
        data.put("entries", budget.used);
        return ToolResult.of(data, budget.used, budget.truncation);
    }

    private List<Map<String, Object>> children(GuardedPath top, Path dir, int depth, Budget budget) throws IOException {
        List<Path> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                if (!files.isDenied(top, child)) {
                    names.add(child);
                }
            }
        }
        names.sort(null);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Path child : names) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("cancelled");
            }
            BasicFileAttributes attributes = FileKinds.attributes(child);
            String name = child.getFileName().toString();
            // Approximate JSON size of the entry: its name plus the fixed keys.
            if (!budget.take(name.length() + 48L)) {
                break;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("type", FileKinds.typeOf(attributes));
            if (attributes.isRegularFile()) {
                entry.put("size", attributes.size());
            }
            if (attributes.isDirectory() && depth > 1) {
                entry.put("children", children(top, child, depth - 1, budget));
            }
            entries.add(entry);
        }
        return entries;
    }

    /** Counts entries and approximate bytes against the call's caps across the whole recursion. */
    private static final class Budget {
        private final int maxItems;
        private final long maxBytes;
        private int used;
        private long bytes;
        private Truncation truncation;

        Budget(int maxItems, long maxBytes) {
            this.maxItems = maxItems;
            this.maxBytes = maxBytes;
        }

        boolean take(long size) {
            if (truncation != null) {
                return false;
            }
            if (used >= maxItems) {
                truncation = new Truncation(CallLimits.MAX_ITEMS_KEY, maxItems);
                return false;
            }
            if (bytes + size > maxBytes) {
                truncation = new Truncation(CallLimits.MAX_BYTES_KEY, maxBytes);
                return false;
            }
            used++;
            bytes += size;
            return true;
        }
    }
}
