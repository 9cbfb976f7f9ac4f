package io.mcpconnectors.examples.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * A LangChain4j agent using the packaged filesystem connector over MCP, over stdio and over Streamable HTTP with a
 * token. The chat model is scripted (ask for read_text_file, then answer with what it returned), so the test proves
 * the whole path (the connector's tools offered to the model, the call, its result back) with no model provider.
 */
class AgentOverMcpIT {

    static final String TOKEN = "agent-token-0123456789abcdef";

    @TempDir
    static Path reports;

    @BeforeAll
    static void reports() throws IOException {
        Files.writeString(reports.resolve("q3.txt"), "Q3 revenue up 12% on the north region\n");
    }

    /**
     * Every connector a test started is stopped and waited for, also when the test failed: LangChain4j's stdio client
     * ends its connector by closing its stdin and does not wait for it. This test JVM starts no other processes.
     */
    @AfterEach
    void stopTheConnectorsThisTestStarted() throws InterruptedException {
        List<ProcessHandle> started = ProcessHandle.current().descendants().toList();
        started.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : started) {
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void anAgentReadsAReportThroughTheConnectorOverStdio() throws Exception {
        ScriptedModel model = new ScriptedModel();
        try (McpClient connector = ConnectorAgents.overStdio(List.of(java(), "-jar", jar("connector.jar")),
                Map.of("CONNECTOR_FILESYSTEM_ROOTS", reports.toString()))) {
            String answer = ConnectorAgents.analyst(model, connector).answer("How did Q3 go?");
            assertEquals("The report says: Q3 revenue up 12% on the north region", answer);
            assertTrue(model.offered.contains("read_text_file"), "the connector's tools reach the model: " + model.offered);
        }
    }

    @Test
    void anAgentReadsAReportThroughTheConnectorOverHttpWithAToken(@TempDir Path data) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", jar("connector.remote.jar"))
                .redirectErrorStream(true).redirectOutput(data.resolve("connector.log").toFile());
        builder.environment().putAll(Map.of("CONNECTOR_TRANSPORT", "http", "CONNECTOR_HTTP_PORT", String.valueOf(port),
                "CONNECTOR_FILESYSTEM_ROOTS", reports.toString(), "CONNECTOR_DATA_DIR", data.toString(),
                "CONNECTOR_AUTH_MODE", "static", "CONNECTOR_AUTH_TOKENS_AGENT_SHA256", sha256(TOKEN),
                "CONNECTOR_AUTH_TOKENS_AGENT_SCOPES", "filesystem:read"));
        Process process = builder.start();
        try {
            awaitReady(port, process, data.resolve("connector.log"));
            ScriptedModel model = new ScriptedModel();
            try (McpClient connector = ConnectorAgents.overHttp("http://127.0.0.1:" + port + "/mcp", TOKEN)) {
                String answer = ConnectorAgents.analyst(model, connector).answer("How did Q3 go?");
                assertEquals("The report says: Q3 revenue up 12% on the north region", answer);
            }
            assertTrue(Files.readString(data.resolve("connector.log")).contains("\"principal\":\"agent\""),
                    "the connector's audit names the agent's principal");
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** A model that asks for the report, then answers with what the tool returned. */
    static final class ScriptedModel implements ChatModel {
        final List<String> offered = new ArrayList<>();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            request.toolSpecifications().stream().map(ToolSpecification::name).forEach(offered::add);
            List<ChatMessage> messages = request.messages();
            ChatMessage last = messages.get(messages.size() - 1);
            if (last instanceof ToolExecutionResultMessage result) {
                String content = result.text().replaceAll("(?s).*\"content\":\"([^\"]*)\\\\n\".*", "$1");
                return ChatResponse.builder().aiMessage(AiMessage.from("The report says: " + content)).build();
            }
            return ChatResponse.builder().aiMessage(AiMessage.from(ToolExecutionRequest.builder().id("call-1")
                    .name("read_text_file").arguments("{\"path\":\"q3.txt\"}").build())).build();
        }
    }

    private static void awaitReady(int port, Process process, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("connector not ready; log:\n" + Files.readString(log));
    }

    private static String jar(String property) {
        String jar = System.getProperty(property);
        assertTrue(jar != null && Files.exists(Path.of(jar)), property + " is built (run mvnw verify): " + jar);
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
