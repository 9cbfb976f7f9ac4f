package io.mcpconnectors.gateway;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.mcpconnectors.common.test.ConnectorProcess;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * An MCP server (the official SDK's server side) spawned over stdio by tests that probe the gateway's boundaries
 * between callers and between upstreams. Its first argument is its URI scheme, so that two of them offer distinct
 * resources ({@code <scheme>://secret}, the template {@code <scheme>://notes/{id}}) and a prompt ({@code greet}).
 * Its tools, all declared READ:
 * <ul>
 * <li>{@code remember_later}: answers at once, and later (once {@code wait_for_news} has been called, from anyone)
 * sends a log message quoting its {@code note} argument, as a connector logs work that outlives the request;</li>
 * <li>{@code wait_for_news}: answers once that log message has been sent;</li>
 * <li>{@code odd_link}: answers with a resource link that has no name, which MCP requires;</li>
 * <li>{@code grow}: adds a tool ({@code extra}) and says its tool list changed, so its manifest is not the one it
 * started with.</li>
 * </ul>
 * And two WRITE tools, as a connector whose write asks for a confirmation after some preparation:
 * {@code prepare_then_confirm} asks the user to confirm its {@code what} once {@code second_write} has started
 * (from anyone), and {@code second_write} answers once that confirmation has been answered.
 */
public final class ChattyUpstream {

    private ChattyUpstream() {
    }

    /** The command line that spawns one with this URI scheme: this JVM's java and class path. */
    static String command(String scheme) {
        return ConnectorProcess.javaCommandLine() + " -cp '" + System.getProperty("java.class.path") + "' "
                + ChattyUpstream.class.getName() + " " + scheme;
    }

    public static void main(String... args) throws Exception {
        PrintStream protocol = System.out;
        System.setOut(System.err);
        String scheme = args[0];
        Map<String, Object> read = Map.of("io.mcpconnectors/access", "READ");
        McpSchema.ToolAnnotations readOnly = new McpSchema.ToolAnnotations("read", true, false, true, false, null);
        Map<String, Object> noArguments = Map.of("type", "object", "properties", Map.of());
        Map<String, Object> noteArgument = Map.of("type", "object", "properties",
                Map.of("note", Map.of("type", "string")), "required", List.of("note"));
        CountDownLatch newsWanted = new CountDownLatch(1);
        CountDownLatch newsSent = new CountDownLatch(1);
        AtomicReference<McpSyncServer> server = new AtomicReference<>();

        SyncToolSpecification rememberLater = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("remember_later").description("Notes something, logs it later.")
                        .inputSchema(noteArgument).annotations(readOnly).meta(read).build())
                .callHandler((exchange, request) -> {
                    String note = String.valueOf(request.arguments().get("note"));
                    Thread later = new Thread(() -> {
                        try {
                            if (newsWanted.await(60, TimeUnit.SECONDS)) {
                                exchange.loggingNotification(new McpSchema.LoggingMessageNotification(
                                        McpSchema.LoggingLevel.INFO, "chatty", "finished the note: " + note));
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            newsSent.countDown();
                        }
                    });
                    later.setDaemon(true);
                    later.start();
                    return McpSchema.CallToolResult.builder().addTextContent("noted").build();
                }).build();
        SyncToolSpecification waitForNews = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("wait_for_news").description("Answers after the news.")
                        .inputSchema(noArguments).annotations(readOnly).meta(read).build())
                .callHandler((exchange, request) -> {
                    newsWanted.countDown();
                    try {
                        newsSent.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return McpSchema.CallToolResult.builder().addTextContent("news").build();
                }).build();
        SyncToolSpecification oddLink = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("odd_link").description("Answers with a nameless link.")
                        .inputSchema(noArguments).annotations(readOnly).meta(read).build())
                .callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
                        .content(List.of(new McpSchema.ResourceLink(null, null, scheme + "://notes/1", null, null,
                                null, null, null)))
                        .build())
                .build();
        Map<String, Object> write = Map.of("io.mcpconnectors/access", "WRITE");
        McpSchema.ToolAnnotations writes = new McpSchema.ToolAnnotations("write", false, true, false, false, null);
        Map<String, Object> whatArgument = Map.of("type", "object", "properties",
                Map.of("what", Map.of("type", "string")), "required", List.of("what"));
        CountDownLatch secondWriteStarted = new CountDownLatch(1);
        CountDownLatch confirmationAnswered = new CountDownLatch(1);
        SyncToolSpecification prepareThenConfirm = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("prepare_then_confirm").description("Prepares, then confirms.")
                        .inputSchema(whatArgument).annotations(writes).meta(write).build())
                .callHandler((exchange, request) -> {
                    try {
                        secondWriteStarted.await(60, TimeUnit.SECONDS);
                        McpSchema.ElicitResult answer = exchange.createElicitation(McpSchema.ElicitRequest.builder()
                                .message("Confirm: " + request.arguments().get("what"))
                                .requestedSchema(Map.of("type", "object", "properties",
                                        Map.of("approve", Map.of("type", "boolean")), "required", List.of("approve")))
                                .build());
                        return McpSchema.CallToolResult.builder().addTextContent("answered " + answer.action())
                                .build();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return McpSchema.CallToolResult.builder().addTextContent("interrupted").build();
                    } finally {
                        confirmationAnswered.countDown();
                    }
                }).build();
        SyncToolSpecification secondWrite = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("second_write").description("A write of its own.")
                        .inputSchema(noArguments).annotations(writes).meta(write).build())
                .callHandler((exchange, request) -> {
                    secondWriteStarted.countDown();
                    try {
                        confirmationAnswered.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return McpSchema.CallToolResult.builder().addTextContent("second done").build();
                }).build();
        SyncToolSpecification extra = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("extra").description("Arrived after start.")
                        .inputSchema(noArguments).annotations(readOnly).meta(read).build())
                .callHandler((exchange, request) -> McpSchema.CallToolResult.builder().addTextContent("extra")
                        .build())
                .build();
        SyncToolSpecification grow = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("grow").description("Adds a tool.")
                        .inputSchema(noArguments).annotations(readOnly).meta(read).build())
                .callHandler((exchange, request) -> {
                    Thread later = new Thread(() -> {
                        server.get().addTool(extra);
                        server.get().notifyToolsListChanged();
                    });
                    later.setDaemon(true);
                    later.start();
                    return McpSchema.CallToolResult.builder().addTextContent("growing").build();
                }).build();

        SyncResourceSpecification secret = new SyncResourceSpecification(McpSchema.Resource.builder()
                .uri(scheme + "://secret").name("secret").description("The secret of " + scheme).mimeType("text/plain")
                .build(), (exchange, request) -> new McpSchema.ReadResourceResult(List.of(
                        new McpSchema.TextResourceContents(request.uri(), "text/plain", "secret of " + scheme))));
        SyncResourceTemplateSpecification notes = new SyncResourceTemplateSpecification(McpSchema.ResourceTemplate
                .builder().uriTemplate(scheme + "://notes/{id}").name("note").description("A note of " + scheme)
                .mimeType("text/plain").build(), (exchange, request) -> new McpSchema.ReadResourceResult(List.of(
                        new McpSchema.TextResourceContents(request.uri(), "text/plain", "note of " + scheme))));
        SyncPromptSpecification greet = new SyncPromptSpecification(new McpSchema.Prompt("greet", "Greets someone.",
                List.of(new McpSchema.PromptArgument("who", "Whom to greet", true))),
                (exchange, request) -> new McpSchema.GetPromptResult("a greeting", List.of(new McpSchema.PromptMessage(
                        McpSchema.Role.USER, new McpSchema.TextContent("greetings from " + scheme + " to "
                                + request.arguments().get("who"))))));

        StdioServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(),
                EndOfInput.exits(System.in), protocol);
        server.set(McpServer.sync(transport).serverInfo("chatty-upstream", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).resources(false, false).prompts(false)
                        .logging().build())
                .tools(rememberLater, waitForNews, oddLink, grow, prepareThenConfirm, secondWrite).resources(secret).resourceTemplates(notes)
                .prompts(greet).build());
        Thread.currentThread().join();
    }
}
