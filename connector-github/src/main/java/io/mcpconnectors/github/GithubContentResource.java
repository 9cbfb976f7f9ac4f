package io.mcpconnectors.github;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.spi.CallLimits;
import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.CompletionRequest;
import io.mcpconnectors.common.spi.ConnectorResource;
import io.mcpconnectors.common.spi.ResourceBody;
import io.mcpconnectors.common.spi.ResourceEntry;
import io.mcpconnectors.common.spi.ResourceListing;
import io.mcpconnectors.common.spi.ResourcePage;
import io.mcpconnectors.common.spi.ResourceTemplateSpec;
import io.mcpconnectors.common.spi.ToolCallException;

/**
 * {@code github://{owner}/{repo}}: an allowed repository's summary; {@code github://{owner}/{repo}/contents/{path}}:
 * a file of an allowed repository (one of the caller's own, with
 * user-bound access) on its default branch, as text or bytes (the raw media type, so files up to GitHub's 100 MB
 * limit are served, within connector.limits.max-bytes). A path of several segments is matched by unlisted templates
 * of fixed depth, since the MCP library matches one segment per variable.
 */
@ApplicationScoped
public class GithubContentResource implements ConnectorResource {

    static final int MAX_SEGMENTS = 16;
    /** Most repositories listed for one {@code owner/*} entry (one page of GitHub's list). */
    static final int OWNER_REPOSITORIES = 100;

    private final GithubApi api;
    private final GithubScope scope;
    private final ObjectMapper json;

    public GithubContentResource(GithubApi api, GithubScope scope, ObjectMapper json) {
        this.api = api;
        this.scope = scope;
        this.json = json;
    }

    @Override
    public List<ResourceTemplateSpec> templates() {
        List<ResourceTemplateSpec> templates = new ArrayList<>();
        templates.add(new ResourceTemplateSpec("repository", "Repository",
                "An allowed repository's description, default branch, visibility and counts, as JSON.",
                "github://{owner}/{repo}", "application/json", true));
        templates.add(new ResourceTemplateSpec("contents", "Repository file",
                "A file of an allowed repository (default branch), as text or bytes.",
                "github://{owner}/{repo}/contents/{path}", "application/octet-stream", true));
        for (int depth = 2; depth <= MAX_SEGMENTS; depth++) {
            String segments = IntStream.rangeClosed(1, depth).mapToObj(i -> "{s" + i + "}")
                    .collect(Collectors.joining("/"));
            templates.add(new ResourceTemplateSpec("contents-" + depth, "Repository file", "A file of a repository.",
                    "github://{owner}/{repo}/contents/" + segments, "application/octet-stream", false));
        }
        return templates;
    }

    @Override
    public ResourceBody read(String uri, Map<String, String> variables, CallLimits limits, CallerIdentity caller)
            throws Exception {
        String owner = variables.get("owner");
        String repo = variables.get("repo");
        scope.of(caller).check(owner, repo);
        if (!variables.containsKey("path") && !variables.containsKey("s1")) {
            JsonNode repository = api.get("/repos/" + owner + "/" + repo);
            Map<String, Object> body = new LinkedHashMap<>();
            for (String field : List.of("full_name", "description", "default_branch", "visibility", "archived",
                    "stargazers_count", "open_issues_count", "pushed_at", "html_url")) {
                body.put(field, repository.has(field) && !repository.get(field).isNull()
                        ? repository.get(field).asText() : null);
            }
            return ResourceBody.text("application/json", json.writeValueAsString(body));
        }
        String path = variables.containsKey("path") ? decode(variables.get("path"))
                : IntStream.rangeClosed(1, MAX_SEGMENTS).mapToObj(i -> variables.get("s" + i))
                        .takeWhile(s -> s != null).map(GithubContentResource::decode).collect(Collectors.joining("/"));
        String checked = RepoPaths.checked(path);
        if (checked.isEmpty()) {
            throw new ToolCallException("The resource address names no file; use github://owner/repo/contents/path.");
        }
        JsonNode meta = api.get("/repos/" + owner + "/" + repo + "/contents/" + RepoPaths.encode(checked));
        if (!meta.isObject() || !"file".equals(meta.path("type").asText())) {
            throw new ToolCallException("'" + checked + "' is not a file; get_file_contents lists directories.");
        }
        if (meta.path("size").asLong() > limits.maxBytes()) {
            throw new ToolCallException("'" + checked + "' is " + meta.path("size").asLong() + " bytes, more than"
                    + " connector.limits.max-bytes (" + limits.maxBytes() + ").");
        }
        byte[] bytes;
        if ("base64".equals(meta.path("encoding").asText()) && !meta.path("content").asText("").isEmpty()) {
            bytes = Base64.getMimeDecoder().decode(meta.path("content").asText());
        } else {
            // Files over 1 MB come without content in the JSON answer; the raw media type has the bytes.
            bytes = api.raw("/repos/" + owner + "/" + repo + "/contents/" + RepoPaths.encode(checked),
                    "application/vnd.github.raw", limits.maxBytes()).bytes();
        }
        String text = RepoPaths.utf8(bytes);
        return text != null ? ResourceBody.text("text/plain", text) : ResourceBody.binary("application/octet-stream",
                bytes);
    }

    /**
     * The repositories the caller may reach: each one its scope names, and for an {@code owner/*} entry the owner's
     * repositories as GitHub lists them (its first {@value #OWNER_REPOSITORIES}), each checked against the scope as
     * the tools check it.
     */
    @Override
    public ResourcePage list(ResourceListing page, CallerIdentity caller) {
        RepositoryScope allowed = scope.of(caller);
        List<ResourceEntry> all = new ArrayList<>();
        for (String fullName : repositories(allowed)) {
            all.add(new ResourceEntry("github://" + fullName, fullName, "Repository " + fullName, null,
                    "application/json", null));
        }
        return ResourcePage.slice(all, page.position(), page.size());
    }

    /**
     * Owners and repositories the caller may reach, and paths inside one of them: the entries of the directory typed
     * so far (directories end with '/'), asked of GitHub only when the chosen repository is one the caller may read.
     */
    @Override
    public List<String> complete(CompletionRequest request, CallerIdentity caller) {
        RepositoryScope allowed = scope.of(caller);
        List<String> values = switch (request.variable()) {
            case "owner" -> repositories(allowed).stream().map(r -> r.substring(0, r.indexOf('/'))).toList();
            case "repo" -> {
                String owner = request.context().get("owner");
                yield repositories(allowed).stream()
                        .filter(r -> owner == null || r.startsWith(owner.toLowerCase(Locale.ROOT) + "/"))
                        .map(r -> r.substring(r.indexOf('/') + 1)).toList();
            }
            case "path" -> paths(allowed, request);
            default -> List.of();
        };
        return values.stream().filter(request::matches).distinct().limit(request.limit()).toList();
    }

    /** Entries of the directory a typed path is in, that continue its last segment; none outside the scope. */
    private List<String> paths(RepositoryScope allowed, CompletionRequest request) {
        String owner = request.context().get("owner");
        String repo = request.context().get("repo");
        if (owner == null || repo == null || !allowed.allows(owner + "/" + repo)) {
            return List.of();
        }
        String typed = request.typed();
        int slash = typed.lastIndexOf('/');
        String directory;
        try {
            directory = RepoPaths.checked(slash < 0 ? "" : typed.substring(0, slash));
        } catch (ToolCallException e) {
            return List.of();
        }
        JsonNode entries;
        try {
            entries = api.get("/repos/" + owner + "/" + repo + "/contents/" + RepoPaths.encode(directory));
        } catch (ToolCallException e) {
            return List.of(); // no such directory (yet): nothing to offer
        }
        List<String> paths = new ArrayList<>();
        if (entries.isArray()) {
            String base = directory.isEmpty() ? "" : directory + "/";
            for (JsonNode entry : entries) {
                String name = entry.path("name").asText();
                if (!name.isEmpty() && name.indexOf('/') < 0) {
                    paths.add(base + name + ("dir".equals(entry.path("type").asText()) ? "/" : ""));
                }
            }
        }
        paths.sort(null);
        return paths;
    }

    private List<String> repositories(RepositoryScope allowed) {
        TreeSet<String> names = new TreeSet<>(allowed.namedRepositories());
        for (String owner : allowed.wholeOwners()) {
            for (JsonNode repository : ownerRepositories(owner)) {
                String fullName = repository.path("full_name").asText();
                if (allowed.allows(fullName)) {
                    names.add(fullName.toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * The first {@value #OWNER_REPOSITORIES} repositories of an owner: an organization's (private ones included, as
     * far as the connector's credential sees them), or else a user's.
     */
    private JsonNode ownerRepositories(String owner) {
        Map<String, String> query = Map.of("per_page", String.valueOf(OWNER_REPOSITORIES), "sort", "full_name");
        try {
            return api.get("/orgs/" + owner + "/repos", query, null).body();
        } catch (ToolCallException e) {
            if (!e.getMessage().startsWith("Not found on GitHub")) {
                throw e;
            }
            return api.get("/users/" + owner + "/repos", query, null).body();
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
