package io.mcpconnectors.common.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.ArgSchema;
import io.mcpconnectors.common.spi.ArgSpec;
import io.mcpconnectors.common.spi.ArgType;
import io.mcpconnectors.common.spi.CallReport;
import io.mcpconnectors.common.spi.CappedCollector;
import io.mcpconnectors.common.spi.ConnectorTool;
import io.mcpconnectors.common.spi.ContentPart;
import io.mcpconnectors.common.spi.ElicitField;
import io.mcpconnectors.common.spi.Elicited;
import io.mcpconnectors.common.spi.EmbeddedResource;
import io.mcpconnectors.common.spi.Media;
import io.mcpconnectors.common.spi.ResourceLinkRef;
import io.mcpconnectors.common.spi.SampleRequest;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolCall;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.common.spi.ToolResult;
import io.mcpconnectors.common.spi.ToolSpec;

/**
 * Tools whose behaviour the runtime tests can steer: echo, sleep, produce many items, fail, write, relay the
 * connector's credential as a careless API would.
 */
public final class TestkitTools {

    private TestkitTools() {
    }

    /** What the write tools did, so tests can check that a refused write changed nothing. */
    @ApplicationScoped
    public static class SourceState {
        public final AtomicInteger writes = new AtomicInteger();
        public final AtomicBoolean sleeperInterrupted = new AtomicBoolean();
    }

    @ApplicationScoped
    public static class Echo implements ConnectorTool {
        @Override
        public ToolSpec spec() {
            return new ToolSpec("echo", "Echo", "Returns its text.", ToolAccess.READ,
                    List.of(ArgSpec.required("text", ArgType.STRING, "text to return"),
                            ArgSpec.optional("count", ArgType.INTEGER, "a number"),
                            new ArgSpec("token", ArgType.STRING, "a declared secret", false, true, null),
                            ArgSpec.optional("password", ArgType.STRING, "secret by its name"),
                            ArgSpec.optional("tags", ArgType.STRING_ARRAY, "strings")),
                    Map.of("text", Map.of("type", "string")));
        }

        @Override
        public ToolResult call(ToolCall call) {
            if ("fail".equals(call.arguments().string("text"))) {
                throw new ToolCallException("echo refuses 'fail': say something else.");
            }
            if ("explode".equals(call.arguments().string("text"))) {
                throw new IllegalStateException("internal detail jdbc:postgresql://db?password=hunter2");
            }
            // An API whose error text or data echoes the request, credential included.
            switch (call.arguments().string("text")) {
                case "relay-error" -> throw new ToolCallException("The source refused the request with key "
                        + TestkitConnector.API_KEY + " (" + URLEncoder.encode(TestkitConnector.API_KEY,
                                StandardCharsets.UTF_8) + ").");
                case "relay-failure" -> throw new IllegalStateException("connection with key "
                        + TestkitConnector.API_KEY + " reset", new IllegalArgumentException("key="
                                + TestkitConnector.API_KEY));
                case "relay-data" -> {
                    return ToolResult.of(Map.of("text", "echoed " + TestkitConnector.API_KEY, "request",
                            List.of(Map.of("headers", "X-Api-Key: " + TestkitConnector.API_KEY),
                                    Map.of(TestkitConnector.API_KEY, "as a key"))), 1);
                }
                case "relay-media", "media" -> {
                    // An image whose bytes hold the credential in UTF-16, as a screenshot's text layer would.
                    byte[] header = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
                    byte[] text = (call.arguments().string("text").equals("media") ? "no credential here"
                            : "key " + TestkitConnector.API_KEY).getBytes(StandardCharsets.UTF_16LE);
                    byte[] image = Arrays.copyOf(header, header.length + text.length);
                    System.arraycopy(text, 0, image, header.length, text.length);
                    return new ToolResult(Map.of("text", "an image"), 1, null,
                            List.of(new Media(Media.Kind.IMAGE, "image/png", image)));
                }
                case "mixed", "relay-embedded-blob" -> {
                    // Parts in the tool's order; the embedded text quotes the credential, as a careless API would.
                    byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
                    byte[] blob = ("config: key=" + TestkitConnector.API_KEY).getBytes(StandardCharsets.UTF_8);
                    return call.arguments().string("text").equals("mixed")
                            ? ToolResult.of(Map.of("text", "mixed"), 4).withContent(ContentPart.text("first"),
                                    ContentPart.image("image/png", png),
                                    EmbeddedResource.text("testkit://notes/1", "text/plain", "note quoting key "
                                            + TestkitConnector.API_KEY),
                                    new ResourceLinkRef("testkit://notes/2", "note 2", "text/plain", 12L))
                            : ToolResult.of(Map.of("text", "a blob"), 1).withContent(EmbeddedResource.binary(
                                    "testkit://config.bin", "application/octet-stream", blob));
                }
                case "relay-part-metadata" -> {
                    // A source that puts the credential where no one looks: URIs, names and media types.
                    String key = TestkitConnector.API_KEY;
                    byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
                    ResourceLinkRef link = new ResourceLinkRef("testkit://links?key=" + key, "link " + key,
                            "text/plain; key=" + key, 1L);
                    return ToolResult.of(Map.of("text", "metadata"), 4).withContent(
                            ContentPart.image("image/png; key=" + key, png),
                            EmbeddedResource.text("testkit://notes/" + key, "text/plain; key=" + key, "note"),
                            EmbeddedResource.binary("testkit://blobs/" + key, "application/x-" + key, png), link)
                            .withLink(link);
                }
                case "relay-media-type" -> {
                    // Binary content holding the credential, with the credential in its media type too.
                    byte[] data = ("key " + TestkitConnector.API_KEY).getBytes(StandardCharsets.UTF_8);
                    String type = "image/x-" + TestkitConnector.API_KEY;
                    return call.arguments().optionalString("password").isPresent()
                            ? ToolResult.of(Map.of("text", "a part"), 1).withContent(ContentPart.image(type, data))
                            : new ToolResult(Map.of("text", "an image"), 1, null,
                                    List.of(new Media(Media.Kind.IMAGE, type, data)));
                }
                case "relay-embedded-base64" -> {
                    // The credential base64-encoded inside a longer base64 text, at the alignment 'count' gives.
                    String prefix = "x".repeat(call.arguments().intInRange("count", 0, 0, 2));
                    byte[] blob = java.util.Base64.getEncoder().encodeToString((prefix + "Authorization: Basic "
                            + TestkitConnector.API_KEY + "!").getBytes(StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.US_ASCII);
                    return ToolResult.of(Map.of("text", "a blob"), 1).withContent(EmbeddedResource.binary(
                            "testkit://blob.b64", "text/plain", blob));
                }
                case "huge-uri", "huge-link", "many-parts" -> {
                    // Content small in its text and large in what describes it, or large only all together.
                    String big = "a".repeat(5000);
                    return switch (call.arguments().string("text")) {
                        case "huge-uri" -> ToolResult.of(Map.of("text", "small"), 1).withContent(
                                EmbeddedResource.text("testkit://notes/" + big, "text/plain", "small"));
                        case "huge-link" -> ToolResult.of(Map.of("text", "small"), 1).withContent(
                                new ResourceLinkRef("testkit://notes/1", big, "text/plain", 1L));
                        default -> ToolResult.of(Map.of("text", "small"), 5).withContent(
                                java.util.stream.IntStream.range(0, 5).mapToObj(i -> EmbeddedResource.text(
                                        "testkit://notes/" + i, "text/plain", "b".repeat(600)))
                                        .toArray(ContentPart[]::new));
                    };
                }
                case "whoami" -> {
                    return ToolResult.of(Map.of("text", "principal=" + call.principal() + " identity="
                            + call.caller().audited()), 1);
                }
                default -> {
                }
            }
            return ToolResult.of(Map.of("text", call.arguments().string("text")), 1);
        }
    }

    @ApplicationScoped
    public static class Sleep implements ConnectorTool {
        private final SourceState state;

        public Sleep(SourceState state) {
            this.state = state;
        }

        @Override
        public ToolSpec spec() {
            return new ToolSpec("sleep", "Sleep", "Sleeps.", ToolAccess.READ,
                    List.of(ArgSpec.required("millis", ArgType.INTEGER, "how long")), Map.of());
        }

        @Override
        public ToolResult call(ToolCall call) {
            long millis = call.arguments().optionalLong("millis").orElseThrow();
            call.report().log(CallReport.Level.INFO, "sleeping " + millis + " ms");
            call.report().log(CallReport.Level.DEBUG, "sleeping in steps of 20 ms");
            try {
                for (long slept = 0; slept < millis; slept += 20) {
                    call.report().progress(slept, millis, "slept " + slept + " ms");
                    Thread.sleep(Math.min(20, millis - slept));
                }
                call.report().progress(millis, millis, "done");
            } catch (InterruptedException e) {
                state.sleeperInterrupted.set(true);
                Thread.currentThread().interrupt();
                throw new ToolCallException("interrupted");
            }
            return ToolResult.of(Map.of(), 0);
        }
    }

    /** The calls of {@link Hold}: how many started, and the switch that lets every running one finish. */
    @ApplicationScoped
    public static class HeldCalls {
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private volatile CountDownLatch release = new CountDownLatch(1);

        public int started() {
            return started.get();
        }

        public int finished() {
            return finished.get();
        }

        /** A call starts: counted, and given what it waits on. */
        CountDownLatch start() {
            started.incrementAndGet();
            return release;
        }

        void finish() {
            finished.incrementAndGet();
        }

        /** Lets every call running now finish; calls that start later wait again. */
        public void releaseAll() {
            CountDownLatch running = release;
            release = new CountDownLatch(1);
            running.countDown();
        }
    }

    /** Runs until the test lets it finish ({@link HeldCalls#releaseAll()}), is cancelled or times out. */
    @ApplicationScoped
    public static class Hold implements ConnectorTool {
        private final HeldCalls calls;

        public Hold(HeldCalls calls) {
            this.calls = calls;
        }

        @Override
        public ToolSpec spec() {
            return new ToolSpec("hold", "Hold", "Runs until released.", ToolAccess.READ, List.of(), Map.of());
        }

        @Override
        public ToolResult call(ToolCall call) {
            CountDownLatch release = calls.start();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolCallException("interrupted");
            } finally {
                calls.finish();
            }
            return ToolResult.of(Map.of("released", true), 1);
        }
    }

    /** Asks the client's model or its user, with a form declared through nested, enumerated and oneOf arguments. */
    @ApplicationScoped
    public static class Ask implements ConnectorTool {
        @Override
        public ToolSpec spec() {
            return new ToolSpec("ask", "Ask", "Asks the client.", ToolAccess.READ, List.of(
                    ArgSpec.shaped("mode", true, "whom to ask", ArgSchema.enumOf("sample", "elicit")),
                    ArgSpec.required("question", ArgType.STRING, "what to ask"),
                    ArgSpec.shaped("form", false, "the form to show when eliciting", ArgSchema.object()
                            .withProperty("choices", ArgSchema.arrayOf(ArgSchema.string()).withSize(1, null), true)
                            .withProperty("initial", ArgSchema.oneOf(ArgSchema.integer(), ArgSchema.string()), false)
                            .closedToOthers())),
                    Map.of());
        }

        @Override
        public ToolResult call(ToolCall call) {
            String question = call.arguments().string("question");
            if (call.arguments().string("mode").equals("sample")) {
                String answer = call.client().sample(SampleRequest.of(question, 50).withSystemPrompt("Be brief."));
                return ToolResult.of(Map.of("answer", answer), 1);
            }
            Map<String, Object> form = call.arguments().optionalObject("form").orElse(Map.of("choices",
                    List.of("yes", "no")));
            @SuppressWarnings("unchecked")
            List<String> choices = (List<String>) form.get("choices");
            Object initial = form.get("initial");
            Elicited answer = call.client().elicit(question, List.of(
                    ElicitField.choice("pick", "your pick", choices, null).asRequired(),
                    initial instanceof Long n ? ElicitField.integer("count", "how many").withDefault(n)
                            : ElicitField.string("count", "how many").withDefault(initial)));
            return ToolResult.of(Map.of("action", answer.action().name(), "values", answer.values()), 1);
        }
    }

    @ApplicationScoped
    public static class Many implements ConnectorTool {
        @Override
        public ToolSpec spec() {
            return new ToolSpec("many", "Many", "Produces n items of the given size.", ToolAccess.READ,
                    List.of(ArgSpec.required("n", ArgType.INTEGER, "how many"),
                            ArgSpec.optional("size", ArgType.INTEGER, "characters per item")),
                    Map.of("items", Map.of("type", "array")));
        }

        @Override
        public ToolResult call(ToolCall call) {
            long n = call.arguments().optionalLong("n").orElseThrow();
            int size = (int) (long) call.arguments().optionalLong("size").orElse(1L);
            CappedCollector items = call.collector();
            for (long i = 0; i < n && items.add("x".repeat(size)); i++) {
                // the collector stops at the caps
            }
            return ToolResult.of(Map.of("items", items.items()), items.size(), items.truncation());
        }
    }

    @ApplicationScoped
    public static class Oversized implements ConnectorTool {
        @Override
        public ToolSpec spec() {
            return new ToolSpec("oversized", "Oversized", "Ignores the byte cap.", ToolAccess.READ, List.of(),
                    Map.of());
        }

        @Override
        public ToolResult call(ToolCall call) {
            return ToolResult.of(Map.of("blob", "y".repeat((int) call.limits().maxBytes() * 3)), 1);
        }
    }

    @ApplicationScoped
    public static class Touch implements ConnectorTool {
        private final SourceState state;

        public Touch(SourceState state) {
            this.state = state;
        }

        @Override
        public ToolSpec spec() {
            return new ToolSpec("touch", "Touch", "Changes data.", ToolAccess.WRITE,
                    List.of(ArgSpec.optional("note", ArgType.STRING, "What to write")), Map.of());
        }

        @Override
        public ToolResult call(ToolCall call) {
            return ToolResult.of(Map.of("writes", state.writes.incrementAndGet()), 1);
        }

        @Override
        public String preview(ToolCall call) {
            return "Would write note '" + call.arguments().optionalString("note").orElse("") + "' as write #"
                    + (state.writes.get() + 1) + ".";
        }
    }

    @ApplicationScoped
    public static class Restructure implements ConnectorTool {
        private final SourceState state;

        public Restructure(SourceState state) {
            this.state = state;
        }

        @Override
        public ToolSpec spec() {
            return new ToolSpec("restructure", "Restructure", "Changes structure.", ToolAccess.ADMIN, List.of(),
                    Map.of());
        }

        @Override
        public ToolResult call(ToolCall call) {
            return ToolResult.of(Map.of("writes", state.writes.incrementAndGet()), 1);
        }
    }
}
