package io.mcpconnectors.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mcpconnectors.common.approval.ApprovalStatusTool;
import io.mcpconnectors.common.auth.InFlightWork;
import io.mcpconnectors.common.auth.ToolScopes;
import io.mcpconnectors.common.mcp.ToolRegistrar;
import io.mcpconnectors.common.policy.ToolRegistrationPolicy;
import io.mcpconnectors.common.spi.ToolAccess;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.util.DefaultMcpUriTemplateManager;
import io.quarkiverse.mcp.server.JsonRpcErrorCodes;
import io.quarkiverse.mcp.server.McpException;
import io.quarkiverse.mcp.server.MetaKey;
import io.quarkiverse.mcp.server.PromptManager;
import io.quarkiverse.mcp.server.ResourceManager;
import io.quarkiverse.mcp.server.ResourceResponse;
import io.quarkiverse.mcp.server.ResourceTemplateManager;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Uni;

/**
 * Registers what an upstream offers under the gateway's name for it: tools and prompts as {@code <upstream>.<name>},
 * resource templates and resources as {@code <upstream>.<name>} with their URIs unchanged (a URI or URI template
 * that another upstream already offers, or that could match a URI one of its URIs or templates matches, is refused
 * for the second). Schemas, annotations, titles, descriptions and metadata pass
 * unchanged, so a client sees each tool as its connector declared it. Each tool needs the scope of its access class
 * for its upstream ({@code <upstream>:read|write|admin}); the access class is the one the connector declared in
 * {@code _meta} (part of the pinned manifest), else READ only for a tool that says it is read-only. The gateway's own
 * {@code connector.access.writes} and {@code connector.tools.allow/deny} apply to the namespaced names.
 */
@ApplicationScoped
public class GatewayRegistry {

    private static final Logger LOG = Logger.getLogger(GatewayRegistry.class);
    private static final String ACCESS_KEY = ToolRegistrar.ACCESS_META.toString();
    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+\\}");
    /** A variable as the MCP layer reads one in a URI template; any other braces are pattern syntax to it. */
    private static final Pattern SAFE_VARIABLE = Pattern.compile("\\{\\w+\\}");
    /** What a literal part of an upstream's URI template may not hold (see {@link #unsafeTemplate}). */
    private static final String PATTERN_SYNTAX = "\\^$|()[]*+?{}";
    /** The longest resource URI (or URI template) the gateway matches; longer ones are no resource of it. */
    static final int MAX_URI_LENGTH = 8 * 1024;

    private final ToolManager tools;
    private final ResourceTemplateManager templates;
    private final ResourceManager resources;
    private final PromptManager prompts;
    private final ToolScopes scopes;
    private final ToolRegistrationPolicy policy;
    private final Forwarder forwarder;
    private final InFlightWork inFlight;
    private final Map<String, Registered> registered = new HashMap<>();

    /** What one upstream has registered, to take it all back at once, and the catalog it was registered from. */
    private record Registered(UpstreamSupervisor upstream, UpstreamCatalog catalog, List<String> tools,
            List<String> templates, List<String> resourceUris, List<String> prompts, List<String> uris,
            List<UriOverlap.Shape> shapes) {
    }

    /** An upstream whose catalog is served, with that catalog. */
    record Served(UpstreamSupervisor upstream, UpstreamCatalog catalog) {
        String name() {
            return upstream.name();
        }
    }

    public GatewayRegistry(ToolManager tools, ResourceTemplateManager templates, ResourceManager resources,
            PromptManager prompts, ToolScopes scopes, ToolRegistrationPolicy policy, Forwarder forwarder,
            InFlightWork inFlight) {
        this.inFlight = inFlight;
        this.tools = tools;
        this.templates = templates;
        this.resources = resources;
        this.prompts = prompts;
        this.scopes = scopes;
        this.policy = policy;
        this.forwarder = forwarder;
    }

    /** Registers the catalog; the reason it cannot be, with nothing registered, or null. */
    synchronized String register(UpstreamSupervisor upstream, UpstreamCatalog catalog) {
        String name = upstream.name();
        unregister(name);
        List<String> uris = new ArrayList<>();
        catalog.templates().forEach(t -> uris.add(t.uriTemplate()));
        catalog.resources().forEach(r -> uris.add(r.uri()));
        for (Map.Entry<String, Registered> other : registered.entrySet()) {
            for (String uri : uris) {
                if (other.getValue().uris().contains(uri)) {
                    return "it offers " + uri + ", which upstream " + other.getKey() + " already offers (resource URIs"
                            + " are not renamed, so two upstreams cannot share one)";
                }
            }
        }
        for (McpSchema.ResourceTemplate template : catalog.templates()) {
            String unsafe = unsafeTemplate(template.uriTemplate());
            if (unsafe != null) {
                return "its resource template " + printable(template.uriTemplate()) + " " + unsafe;
            }
        }
        List<UriOverlap.Shape> shapes = new ArrayList<>();
        catalog.templates().forEach(t -> shapes.add(UriOverlap.Shape.ofTemplate(t.uriTemplate())));
        catalog.resources().forEach(r -> shapes.add(UriOverlap.Shape.ofResource(r.uri())));
        String overlap = overlap(shapes);
        if (overlap != null) {
            return overlap;
        }
        Registered mine = new Registered(upstream, catalog, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), uris, shapes);
        registered.put(name, mine);
        for (McpSchema.Tool tool : catalog.tools()) {
            ToolAccess access = access(tool);
            String exposed = name + "." + tool.name();
            if (!policy.isEnabled(exposed, access)) {
                continue;
            }
            ToolManager.ToolDefinition definition = tools.newTool(exposed)
                    .setDescription(tool.description() == null ? "" : tool.description())
                    .setInputSchema(tool.inputSchema())
                    .setMetadata(metadata(tool.meta()))
                    // Over HTTP with callers' limits, a forwarded call holds its caller's place in flight until the
                    // upstream answers or the call times out, even if the caller hangs up meanwhile.
                    .setAsyncHandler(inFlight.held(args -> forwarder.callTool(upstream, tool.name(), access, args)));
            if (tool.title() != null) {
                definition.setTitle(tool.title());
            }
            if (tool.outputSchema() != null) {
                definition.setOutputSchema(tool.outputSchema());
            }
            if (tool.annotations() != null) {
                definition.setAnnotations(annotations(tool.annotations()));
            }
            definition.register();
            // As on the connector itself: whoever may request a write or admin call may follow its approval.
            scopes.require(exposed, tool.name().equals(ApprovalStatusTool.NAME) ? Set.of(name + ":write", name + ":admin")
                    : Set.of(name + ":" + access.name().toLowerCase(Locale.ROOT)));
            mine.tools().add(exposed);
        }
        for (McpSchema.ResourceTemplate template : catalog.templates()) {
            String exposed = name + "." + template.name();
            ResourceTemplateManager.ResourceTemplateDefinition definition = templates.newResourceTemplate(exposed)
                    .setUriTemplate(template.uriTemplate())
                    .setDescription(template.description() == null ? "" : template.description())
                    .setAsyncHandler(inFlight.held(args -> matches(template.uriTemplate(), args.requestUri().value())
                            ? forwarder.readResource(upstream, template.name(), args.requestUri().value(), args)
                            // The MCP layer reads a template's literal parts as a pattern ('.' stands for any
                            // character): a lookalike URI it routes here is not this template's, and is not forwarded.
                            : Uni.createFrom().<ResourceResponse>failure(new McpException("Resource not found: "
                                    + args.requestUri().value(), JsonRpcErrorCodes.RESOURCE_NOT_FOUND))));
            if (template.title() != null) {
                definition.setTitle(template.title());
            }
            if (template.mimeType() != null) {
                definition.setMimeType(template.mimeType());
            }
            definition.register();
            mine.templates().add(exposed);
        }
        for (McpSchema.Resource resource : catalog.resources()) {
            ResourceManager.ResourceDefinition definition = resources.newResource(name + "." + resource.name())
                    .setUri(resource.uri())
                    .setDescription(resource.description() == null ? "" : resource.description())
                    .setAsyncHandler(inFlight.held(args -> forwarder.readResource(upstream, resource.name(),
                            resource.uri(), args)));
            if (resource.title() != null) {
                definition.setTitle(resource.title());
            }
            if (resource.mimeType() != null) {
                definition.setMimeType(resource.mimeType());
            }
            definition.register();
            mine.resourceUris().add(resource.uri());
        }
        for (McpSchema.Prompt prompt : catalog.prompts()) {
            String exposed = name + "." + prompt.name();
            PromptManager.PromptDefinition definition = prompts.newPrompt(exposed)
                    .setDescription(prompt.description() == null ? "" : prompt.description())
                    .setAsyncHandler(inFlight.held(args -> forwarder.getPrompt(upstream, prompt.name(), args)));
            if (prompt.title() != null) {
                definition.setTitle(prompt.title());
            }
            if (prompt.arguments() != null) {
                for (McpSchema.PromptArgument argument : prompt.arguments()) {
                    definition.addArgument(argument.name(), argument.title(), argument.description(),
                            Boolean.TRUE.equals(argument.required()), null);
                }
            }
            definition.register();
            mine.prompts().add(exposed);
        }
        return null;
    }

    /**
     * Why an upstream's resource URIs and templates cannot be served beside those already served, or null: one of them
     * overlaps (could match the same URI as) one of another upstream's ({@link UriOverlap}). Within one upstream
     * overlaps stay allowed: that upstream decides which of its own resources a URI is.
     */
    private String overlap(List<UriOverlap.Shape> shapes) {
        List<Map.Entry<String, Registered>> others = registered.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList();
        for (Map.Entry<String, Registered> other : others) {
            for (UriOverlap.Shape shape : shapes) {
                for (UriOverlap.Shape theirs : other.getValue().shapes()) {
                    if (UriOverlap.overlap(shape, theirs)) {
                        return "its " + printable(shape.describe()) + " overlaps the " + printable(theirs.describe())
                                + " of upstream " + other.getKey() + " (resource URIs are not renamed: a read of a URI"
                                + " both match would fail or reach the wrong upstream, so two upstreams cannot share"
                                + " one)";
                    }
                }
            }
        }
        return null;
    }

    /** Takes back everything an upstream registered: its tools are neither listed nor callable from now on. */
    synchronized void unregister(String upstream) {
        Registered mine = registered.remove(upstream);
        forwarder.forget(upstream);
        if (mine == null) {
            return;
        }
        mine.tools().forEach(t -> {
            scopes.forget(t);
            tools.removeTool(t);
        });
        mine.templates().forEach(templates::removeResourceTemplate);
        mine.resourceUris().forEach(resources::removeResource);
        mine.prompts().forEach(prompts::removePrompt);
        LOG.debugf("Unregistered upstream %s", upstream);
    }

    /** The upstreams whose catalogs are served, by name: the order a listing across them follows on every page. */
    synchronized List<Served> served() {
        return registered.values().stream().map(r -> new Served(r.upstream(), r.catalog()))
                .sorted(Comparator.comparing(Served::name)).toList();
    }

    /** The served upstream of this name, or null. */
    synchronized Served served(String upstream) {
        Registered mine = registered.get(upstream);
        return mine == null ? null : new Served(mine.upstream(), mine.catalog());
    }

    /** The upstream a prompt's exposed name ({@code <upstream>.<prompt>}) belongs to, or null. */
    synchronized Served ofPrompt(String exposed) {
        for (Registered mine : registered.values()) {
            if (mine.prompts().contains(exposed)) {
                return new Served(mine.upstream(), mine.catalog());
            }
        }
        return null;
    }

    /** The upstream that offers this resource template (URI templates are not renamed), or null. */
    synchronized Served ofTemplate(String uriTemplate) {
        for (Registered mine : registered.values()) {
            if (mine.catalog().templates().stream().anyMatch(t -> t.uriTemplate().equals(uriTemplate))) {
                return new Served(mine.upstream(), mine.catalog());
            }
        }
        return null;
    }

    /**
     * The upstream a concrete resource URI belongs to: the one that offers it as a resource, else the one with a
     * resource template that matches it ({@link #matches}), or null.
     */
    synchronized Served ofUri(String uri) {
        Served registered = ofRegisteredUri(uri);
        return registered != null ? registered : ofDeepUri(uri);
    }

    /**
     * The upstream whose registered resource or resource template matches a URI ({@link #matches}): what the MCP
     * layer routes to the templates the gateway registered.
     */
    synchronized Served ofRegisteredUri(String uri) {
        for (Registered mine : registered.values()) {
            if (mine.catalog().resources().stream().anyMatch(r -> r.uri().equals(uri))) {
                return new Served(mine.upstream(), mine.catalog());
            }
        }
        for (Registered mine : registered.values()) {
            for (McpSchema.ResourceTemplate template : mine.catalog().templates()) {
                if (matches(template.uriTemplate(), uri)) {
                    return new Served(mine.upstream(), mine.catalog());
                }
            }
        }
        return null;
    }

    /**
     * The one upstream with a resource template that matches a URI when its variables may span several path
     * segments ({@code file:///{path}} for {@code file:///srv/data/a.txt}), or null when none or more than one does.
     * A connector serves such URIs through templates it does not list (one per depth); the gateway, which registers
     * the listed ones only, routes them to the upstream this way, and the upstream decides.
     */
    synchronized Served ofDeepUri(String uri) {
        Served found = null;
        for (Registered mine : registered.values()) {
            boolean matches = mine.catalog().templates().stream()
                    .anyMatch(t -> matchesDeep(t.uriTemplate(), uri));
            if (matches) {
                if (found != null) {
                    return null;
                }
                found = new Served(mine.upstream(), mine.catalog());
            }
        }
        return found;
    }

    /**
     * Whether a URI is an expansion of a URI template (RFC 6570 level 1, as MCP resource templates are): each variable
     * stands for one or more characters other than '/', the rest is literal. Values are compared as sent, without
     * decoding, so a percent-encoded '/' ({@code %2F}) stays inside its variable. Matched with the official MCP Java
     * SDK's public URI template manager.
     */
    static boolean matches(String uriTemplate, String uri) {
        if (uriTemplate == null || uriTemplate.isBlank() || uri == null || uri.length() > MAX_URI_LENGTH) {
            return false;
        }
        return new DefaultMcpUriTemplateManager(uriTemplate).matches(uri);
    }

    /**
     * Why the MCP layer cannot be trusted to match URIs against an upstream's URI template, or null when it can. The
     * layer compiles a template into a regular expression with its literal parts unquoted, so a template from an
     * upstream must not bring pattern syntax of its own (groups, alternatives, repetitions, classes, anchors,
     * escapes), and its variables must be separated by a '/': variables side by side (or split by a literal part
     * without '/') make a match try every way of dividing the URI between them, which a long URI turns into minutes.
     * A '.' is allowed (it stands for any one character there; the gateway checks the literal match itself).
     */
    static String unsafeTemplate(String uriTemplate) {
        if (uriTemplate == null || uriTemplate.isBlank()) {
            return "is empty";
        }
        if (uriTemplate.length() > MAX_URI_LENGTH) {
            return "is longer than " + MAX_URI_LENGTH + " characters";
        }
        Matcher variable = SAFE_VARIABLE.matcher(uriTemplate);
        int last = 0;
        boolean variableInSegment = false;
        while (true) {
            boolean found = variable.find();
            String literal = uriTemplate.substring(last, found ? variable.start() : uriTemplate.length());
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                if (PATTERN_SYNTAX.indexOf(c) >= 0 || Character.isISOControl(c)) {
                    return c == '{' || c == '}'
                            ? "has a variable that is not {name} (letters, digits and '_')"
                            : "has '" + printable(String.valueOf(c)) + "' in a literal part; a URI template's literal"
                                    + " parts may not use \\ ^ $ | ( ) [ ] * + ? { }";
                }
                if (c == '/') {
                    variableInSegment = false;
                }
            }
            if (!found) {
                return null;
            }
            if (variableInSegment) {
                return "has two variables without a '/' between them";
            }
            variableInSegment = true;
            last = variable.end();
        }
    }

    private static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    /**
     * Whether a URI is an expansion of a URI template whose variables may span several segments, each standing for
     * one or more characters other than '?' and '#'. Matched left to right, each literal part at its first place after
     * the previous one: that choice never loses a match (a later place would leave the gap before it holding the
     * earlier one), so a URI is looked at a bounded number of times per literal part, however long it is and however
     * many variables the template has.
     */
    static boolean matchesDeep(String uriTemplate, String uri) {
        if (uriTemplate == null || uriTemplate.isBlank() || uri == null || uri.length() > MAX_URI_LENGTH) {
            return false;
        }
        List<String> literals = new ArrayList<>();
        Matcher variable = VARIABLE.matcher(uriTemplate);
        int last = 0;
        while (variable.find()) {
            literals.add(uriTemplate.substring(last, variable.start()));
            last = variable.end();
        }
        literals.add(uriTemplate.substring(last));
        if (literals.size() == 1) {
            return uri.equals(uriTemplate);
        }
        String first = literals.get(0);
        String end = literals.get(literals.size() - 1);
        if (!uri.startsWith(first) || uri.length() < first.length() + end.length() || !uri.endsWith(end)) {
            return false;
        }
        int at = first.length();
        int limit = uri.length() - end.length();
        for (int i = 1; i < literals.size(); i++) {
            String literal = literals.get(i);
            // The value of the variable before this literal: at least one character, none of them '?' or '#'.
            int next = i == literals.size() - 1 ? limit : uri.indexOf(literal, at + 1);
            if (next < at + 1 || next + literal.length() > uri.length() || (i < literals.size() - 1
                    && next + literal.length() > limit)) {
                return false;
            }
            for (int c = at; c < next; c++) {
                if (uri.charAt(c) == '?' || uri.charAt(c) == '#') {
                    return false;
                }
            }
            at = next + literal.length();
        }
        return true;
    }

    /** The access class a tool's connector declared; without one, READ only for a tool that says it is read-only. */
    static ToolAccess access(McpSchema.Tool tool) {
        Object declared = tool.meta() == null ? null : tool.meta().get(ACCESS_KEY);
        if (declared instanceof String value) {
            try {
                return ToolAccess.valueOf(value);
            } catch (IllegalArgumentException e) {
                return ToolAccess.ADMIN;
            }
        }
        return tool.annotations() != null && Boolean.TRUE.equals(tool.annotations().readOnlyHint()) ? ToolAccess.READ
                : ToolAccess.WRITE;
    }

    private static Map<MetaKey, Object> metadata(Map<String, Object> meta) {
        Map<MetaKey, Object> keys = new LinkedHashMap<>();
        if (meta != null) {
            meta.forEach((key, value) -> {
                try {
                    keys.put(MetaKey.from(key), value);
                } catch (IllegalArgumentException e) {
                    LOG.debugf("Metadata key %s is not a valid MCP key; not passed on", key);
                }
            });
        }
        return keys;
    }

    /** MCP's defaults for a hint a server left out (not read-only, destructive, not idempotent, open world). */
    private static ToolAnnotations annotations(McpSchema.ToolAnnotations hints) {
        return new ToolAnnotations(hints.title(), Boolean.TRUE.equals(hints.readOnlyHint()),
                !Boolean.FALSE.equals(hints.destructiveHint()), Boolean.TRUE.equals(hints.idempotentHint()),
                !Boolean.FALSE.equals(hints.openWorldHint()));
    }
}
