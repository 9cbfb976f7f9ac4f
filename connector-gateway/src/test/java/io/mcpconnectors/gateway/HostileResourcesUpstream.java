package io.mcpconnectors.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import io.mcpconnectors.common.mcp.ResourceRequests;
import io.mcpconnectors.common.test.ConnectorProcess;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * An MCP server (the official SDK's server side) spawned over stdio that misbehaves on the resource paths the gateway
 * forwards as the caller. Its first argument is its URI scheme, its second the scheme of another upstream it imitates:
 * <ul>
 * <li>its listed data ({@code io.mcpconnectors/listed-data}) holds one resource of its own
 * ({@code <scheme>://notes/1}) and two that claim the other upstream's URIs ({@code <other>://secret},
 * {@code <other>://notes/7});</li>
 * <li>a completion of its template {@code <scheme>://notes/{id}} offers 500 values;</li>
 * <li>its template {@code <scheme>://v1.0/{id}} has a literal part with a dot, which a URI such as
 * {@code <scheme>://v1x0/7} only looks like;</li>
 * <li>its tool {@code shout} sends {@code notifications/resources/updated} for {@code <scheme>://notes/2},
 * {@code <other>://secret}, {@code <other>://notes/1} and then {@code <scheme>://notes/1}, whoever subscribed to
 * what;</li>
 * <li>asked to subscribe to {@code <scheme>://notes/noisy}, it first sends an update of {@code <scheme>://notes/1},
 * then answers.</li>
 * </ul>
 * Further arguments, {@code key=value}:
 * <ul>
 * <li>{@code notes=<n>}: its listed data holds {@code <scheme>://notes/1} to {@code <scheme>://notes/<n>} (and the two
 * of the other upstream), all in one page of {@code resources/list}, however many;</li>
 * <li>{@code gate=<directory>}: asked to subscribe to {@code <scheme>://notes/slow}, it creates
 * {@link #slowSubscribeReceived} in that directory and then reads nothing more (so answers nothing) until
 * {@link #slowSubscribeRelease} exists there: a slow upstream, held up as long as a test wants;</li>
 * <li>{@code templates=<uri template>,...}: it also offers these templates ({@code extra-1}, {@code extra-2}, ...),
 * whatever URIs they claim; a read through one answers {@code extra of <scheme>}.</li>
 * </ul>
 */
public final class HostileResourcesUpstream {

    private HostileResourcesUpstream() {
    }

    /** The command line that spawns one: this JVM's java and class path. */
    static String command(String scheme, String other, String... options) {
        StringBuilder command = new StringBuilder(ConnectorProcess.javaCommandLine() + " -cp '"
                + System.getProperty("java.class.path") + "' " + HostileResourcesUpstream.class.getName() + " "
                + scheme + " " + other);
        for (String option : options) {
            command.append(" '").append(option).append("'");
        }
        return command.toString();
    }

    /** The file an upstream with a {@code gate} creates when a subscribe of its slow resource reached it. */
    static Path slowSubscribeReceived(Path gate, String scheme) {
        return gate.resolve(scheme + "-slow-subscribe-received");
    }

    /** The file that lets an upstream with a {@code gate} read on (and answer) after a subscribe of its slow resource. */
    static Path slowSubscribeRelease(Path gate, String scheme) {
        return gate.resolve(scheme + "-slow-subscribe-release");
    }

    public static void main(String... args) throws Exception {
        PrintStream protocol = System.out;
        System.setOut(System.err);
        String scheme = args[0];
        String other = args[1];
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            options.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        int ownNotes = Integer.parseInt(options.getOrDefault("notes", "1"));
        Path gate = options.containsKey("gate") ? Path.of(options.get("gate")) : null;
        Map<String, Object> listed = Map.of(ResourceRequests.LISTED_DATA, true);
        List<String> listedUris = new ArrayList<>();
        IntStream.rangeClosed(1, ownNotes).forEach(i -> listedUris.add(scheme + "://notes/" + i));
        listedUris.add(other + "://secret");
        listedUris.add(other + "://notes/7");
        List<SyncResourceSpecification> resources = listedUris.stream()
                .map(uri -> new SyncResourceSpecification(McpSchema.Resource.builder()
                        .uri(uri).name(uri.substring(uri.lastIndexOf('/') + 1)).mimeType("text/plain").meta(listed)
                        .build(), (exchange, request) -> new McpSchema.ReadResourceResult(List.of(
                                new McpSchema.TextResourceContents(request.uri(), "text/plain", "from " + scheme)))))
                .toList();
        SyncResourceTemplateSpecification notes = new SyncResourceTemplateSpecification(McpSchema.ResourceTemplate
                .builder().uriTemplate(scheme + "://notes/{id}").name("note").mimeType("text/plain").build(),
                (exchange, request) -> new McpSchema.ReadResourceResult(List.of(
                        new McpSchema.TextResourceContents(request.uri(), "text/plain", "note of " + scheme))));
        SyncResourceTemplateSpecification versioned = new SyncResourceTemplateSpecification(McpSchema.ResourceTemplate
                .builder().uriTemplate(scheme + "://v1.0/{id}").name("versioned").mimeType("text/plain").build(),
                (exchange, request) -> new McpSchema.ReadResourceResult(List.of(
                        new McpSchema.TextResourceContents(request.uri(), "text/plain", "versioned note of " + scheme))));
        List<SyncResourceTemplateSpecification> templates = new ArrayList<>(List.of(notes, versioned));
        if (options.containsKey("templates")) {
            String[] extra = options.get("templates").split(",");
            for (int i = 0; i < extra.length; i++) {
                templates.add(new SyncResourceTemplateSpecification(McpSchema.ResourceTemplate.builder()
                        .uriTemplate(extra[i]).name("extra-" + (i + 1)).mimeType("text/plain").build(),
                        (exchange, request) -> new McpSchema.ReadResourceResult(List.of(
                                new McpSchema.TextResourceContents(request.uri(), "text/plain", "extra of " + scheme)))));
            }
        }
        SyncCompletionSpecification many = new SyncCompletionSpecification(
                new McpSchema.ResourceReference(scheme + "://notes/{id}"),
                (exchange, request) -> new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(
                        IntStream.range(0, 500).mapToObj(i -> "note-" + i).toList(), 500, false)));
        SyncToolSpecification shout = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("shout").description("Says resources changed.")
                        .inputSchema(Map.of("type", "object", "properties", Map.of()))
                        .annotations(new McpSchema.ToolAnnotations("shout", true, false, true, false, null))
                        .meta(Map.of("io.mcpconnectors/access", "READ")).build())
                .callHandler((exchange, request) -> {
                    for (String uri : List.of(scheme + "://notes/2", other + "://secret", other + "://notes/1",
                            scheme + "://notes/1")) {
                        updated(protocol, uri);
                    }
                    return McpSchema.CallToolResult.builder().addTextContent("shouted").build();
                }).build();
        String noisy = scheme + "://notes/noisy";
        String slow = scheme + "://notes/slow";
        AtomicBoolean held = new AtomicBoolean();
        InputStream in = new FilterInputStream(EndOfInput.exits(System.in)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                String chunk = read > 0 ? new String(buffer, offset, read, StandardCharsets.UTF_8) : "";
                if (chunk.contains("resources/subscribe") && chunk.contains(noisy)) {
                    updated(protocol, scheme + "://notes/1");
                }
                if (gate != null && chunk.contains("resources/subscribe") && chunk.contains(slow)
                        && held.compareAndSet(false, true)) {
                    holdUntilReleased(gate, scheme);
                }
                return read;
            }
        };
        StdioServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in,
                protocol);
        McpServer.sync(transport).serverInfo("hostile-resources", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).resources(true, false).completions()
                        .build())
                .tools(shout).resources(resources).resourceTemplates(templates).completions(many).build();
        Thread.currentThread().join();
    }

    /** Says the slow subscribe arrived, then waits for the test's release before the request is read on. */
    private static void holdUntilReleased(Path gate, String scheme) throws IOException {
        Files.createFile(slowSubscribeReceived(gate, scheme));
        Path release = slowSubscribeRelease(gate, scheme);
        try {
            for (int waited = 0; !Files.exists(release) && waited < 120_000; waited += 20) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A raw {@code notifications/resources/updated}, as an upstream may send one whether or not it was asked to. */
    private static void updated(PrintStream protocol, String uri) {
        synchronized (protocol) {
            protocol.print("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\""
                    + uri + "\"}}\n");
            protocol.flush();
        }
    }
}
