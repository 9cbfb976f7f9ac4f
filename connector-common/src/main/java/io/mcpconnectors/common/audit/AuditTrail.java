package io.mcpconnectors.common.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcpconnectors.common.config.ConnectorRuntimeConfig;
import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.spi.Connector;
import io.mcpconnectors.common.spi.PlainJson;
import io.mcpconnectors.common.store.AuditChain;

/**
 * Writes one JSON line per tool call to stderr, or appended to {@code connector.audit.file}. Never to stdout,
 * which on the stdio transport carries the MCP stream. Every record also goes to the store's hash chain.
 */
// On every call's path: a singleton is injected as itself, with no client proxy to look it up on each use.
@Singleton
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final ObjectMapper json;
    private final OutputStream out;
    private final boolean ownsStream;
    private final AuditChain chain;
    private final String connector;
    private final KnownSecrets secrets;

    public AuditTrail(ObjectMapper json, ConnectorRuntimeConfig config, AuditChain chain, Connector connector,
            KnownSecrets secrets) {
        this.connector = connector.name();
        this.json = json;
        this.chain = chain;
        this.secrets = secrets;
        if (config.audit().file().isPresent()) {
            Path file = config.audit().file().get().toAbsolutePath();
            try {
                Path parent = file.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new IllegalStateException("connector.audit.file: cannot open " + file + " for appending ("
                        + e.getClass().getSimpleName() + ")");
            }
            this.ownsStream = true;
        } else {
            this.out = stderr();
            this.ownsStream = false;
        }
    }

    private static PrintStream stderr() {
        return System.err;
    }

    public void record(AuditRecord record) {
        String typed;
        try {
            typed = encode(json, scrubbed(record));
        } catch (IOException e) {
            LOG.errorf("Audit record for tool %s could not be serialised", record.tool());
            return;
        }
        // The chain gets the record typed; the trail the same text without its type. Encoded once, in UTF-8 once:
        // the trail's line is cut from the chain's bytes (the type is ASCII, so its length in bytes is its length).
        byte[] utf8 = typed.getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[utf8.length - TOOL_CALL_TYPE.length() + 2];
        line[0] = '{';
        System.arraycopy(utf8, TOOL_CALL_TYPE.length(), line, 1, utf8.length - TOOL_CALL_TYPE.length());
        line[line.length - 1] = '\n';
        chain.record(utf8, !"READ".equals(record.access()));
        write(line);
    }

    private static final String TOOL_CALL_TYPE = "{\"type\":\"tool_call\",";

    /**
     * The record as the chain stores it: its type first, then its fields in the order and with the inclusion rules
     * {@link AuditRecord} declares (the same text Jackson makes of it, without looking its properties up each time).
     */
    static String encode(ObjectMapper json, AuditRecord r) throws IOException {
        // Pooled buffers, as ObjectMapper.writeValueAsString uses them.
        BufferRecycler recycler = json.getFactory()._getBufferRecycler();
        try (SegmentedStringWriter text = new SegmentedStringWriter(recycler)) {
            try (JsonGenerator out = json.getFactory().createGenerator(text)) {
                out.writeStartObject();
                out.writeStringField("type", "tool_call");
                out.writeStringField("timestamp", r.timestamp());
                out.writeStringField("connector", r.connector());
                out.writeStringField("tool", r.tool());
                out.writeStringField("access", r.access());
                out.writeStringField("principal", r.principal());
                if (r.identity() != null) {
                    out.writeStringField("identity", r.identity());
                }
                out.writeStringField("session", r.session());
                out.writeFieldName("arguments");
                PlainJson.write(json, out, r.arguments());
                out.writeStringField("outcome", r.outcome());
                if (r.message() != null) {
                    out.writeStringField("message", r.message());
                }
                out.writeNumberField("duration_ms", r.durationMs());
                out.writeNumberField("items", r.items());
                out.writeNumberField("bytes", r.bytes());
                out.writeBooleanField("truncated", r.truncated());
                out.writeEndObject();
            }
            return text.getAndClear();
        } finally {
            recycler.releaseToPool();
        }
    }

    private void write(String text) {
        write((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one whole line (its newline included) in one write. */
    private void write(byte[] line) {
        synchronized (this) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                LOG.errorf("An audit record could not be written: %s", e.getMessage());
            }
        }
    }

    /**
     * Records an event that is not a tool call (a refused session, an identity decision): one JSON line with its
     * type, time and connector first, in the trail and in the chain.
     */
    @SuppressWarnings("unchecked")
    public void event(String type, Map<String, Object> fields) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("timestamp", Instant.now().toString());
        event.put("connector", connector);
        event.putAll((Map<String, Object>) secrets.scrubValue(fields));
        String text;
        try {
            text = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            LOG.errorf("Audit event %s could not be serialised", type);
            return;
        }
        chain.record(text, false);
        write(text);
    }

    /**
     * The record without the connector's secrets: a message can quote an API's error text, and arguments are the
     * caller's. Scrubbed field by field, not as encoded JSON, so the line stays valid whatever a secret looks like.
     */
    @SuppressWarnings("unchecked")
    private AuditRecord scrubbed(AuditRecord r) {
        return new AuditRecord(r.timestamp(), r.connector(), r.tool(), r.access(), r.principal(), r.identity(),
                r.session(),
                (Map<String, Object>) secrets.scrubValue(r.arguments()), r.outcome(), secrets.scrubMessage(r.message()),
                r.durationMs(), r.items(), r.bytes(), r.truncated());
    }

    @PreDestroy
    void close() throws IOException {
        if (ownsStream) {
            out.close();
        }
    }
}
