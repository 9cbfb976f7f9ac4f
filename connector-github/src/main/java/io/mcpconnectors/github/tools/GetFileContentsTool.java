package io.mcpconnectors.github.tools;

import static io.mcpconnectors.common.spi.JsonSchemas.properties;
import static io.mcpconnectors.common.spi.JsonSchemas.string;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcpconnectors.common.spi.Arg;
import io.mcpconnectors.common.spi.ResourceLinkRef;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;
import io.mcpconnectors.github.GithubApi;
import io.mcpconnectors.github.GithubScope;
import io.mcpconnectors.github.RepoPaths;

@Singleton
public class GetFileContentsTool extends GithubTool {

    private static final Arg<String> PATH = Arg.string("path", "file or directory path (default: the root)")
            .orElse("");
    private static final Arg<String> REF = Arg.string("ref", "branch, tag or commit SHA");

    private static final ToolSpec SPEC = new ToolSpec("get_file_contents", "Get file contents",
            "Reads a file (UTF-8 text up to connector.limits.max-bytes) or lists a directory of an allowed"
                    + " repository, at a branch, tag or commit (default: the default branch). A larger or binary"
                    + " file comes back as a resource link (github://owner/repo/contents/path) instead of its bytes.",
            ToolAccess.READ, List.of(GithubArgs.OWNER.spec(), GithubArgs.REPO.spec(), PATH.spec(), REF.spec()),
            properties("type", string("file or dir"), "path", string("path"), "sha", string("blob SHA"),
                    "text", string("file text, when it is UTF-8 text within the cap"),
                    "entries", Map.of("type", "array", "description", "directory entries: name, path, type, size"),
                    "resource", string("resource URI, when the file is returned as a link")));

    public GetFileContentsTool(GithubApi api, GithubScope scopes) {

        super(SPEC, api, scopes);

    }

    @Override
    public ToolResult call(ToolCall call) {
        String repoPath = GithubArgs.repoPath(call, scope(call));
        String path = RepoPaths.checked(call.get(PATH));
        String ref = call.get(REF);
        JsonNode answer = api.get(call, repoPath + "/contents/" + RepoPaths.encode(path), ref == null ? Map.of() : Map.of("ref", ref),
                null).body();
        Map<String, Object> data = new LinkedHashMap<>();
        if (answer.isArray()) {
            var entries = call.collector();
            for (JsonNode entry : answer) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", entry.path("name").asText());
                e.put("path", entry.path("path").asText());
                e.put("type", entry.path("type").asText());
                e.put("size", entry.path("size").asLong());
                if (!entries.add(e)) {
                    break;
                }
            }
            data.put("type", "dir");
            data.put("path", path);
            data.put("entries", new ArrayList<>(entries.items()));
            return ToolResult.of(data, entries.size(), entries.truncation());
        }
        String type = answer.path("type").asText();
        if (!type.equals("file")) {
            throw new ToolCallException("'" + path + "' is a " + type + ", not a file or directory.");
        }
        long size = answer.path("size").asLong();
        data.put("type", "file");
        data.put("path", answer.path("path").asText(path));
        if (answer.hasNonNull("sha")) {
            data.put("sha", answer.get("sha").asText());
        }
        data.put("size", size);
        String text = size <= call.limits().maxBytes() && "base64".equals(answer.path("encoding").asText())
                ? RepoPaths.utf8(Base64.getMimeDecoder().decode(answer.path("content").asText(""))) : null;
        if (text != null) {
            data.put("text", text);
            return ToolResult.of(data, 1);
        }
        String owner = call.get(GithubArgs.OWNER);
        String repo = call.get(GithubArgs.REPO);
        String uri = "github://" + owner + "/" + repo + "/contents/" + RepoPaths.encode(answer.path("path").asText(path));
        data.put("resource", uri);
        data.put("reason", size > call.limits().maxBytes() ? "larger than connector.limits.max-bytes" : "not UTF-8 text");
        if (ref != null) {
            data.put("note", "the resource serves the default branch; ref " + ref + " is not part of its address");
        }
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        return ToolResult.of(data, 1).withLink(new ResourceLinkRef(uri, name, "application/octet-stream", size));
    }
}
