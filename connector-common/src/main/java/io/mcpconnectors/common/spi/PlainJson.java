package io.mcpconnectors.common.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Encodes the values tools return (maps with text keys, lists, text, numbers, booleans, null) by walking them with
 * a JSON generator of the application's mapper, and hands any other value to the mapper itself. The text is what
 * {@link ObjectMapper#writeValueAsString} makes of the same value, without its serializer look-ups per value, which
 * for the small results of most calls are a large part of encoding them.
 */
public final class PlainJson {

    private PlainJson() {
    }

    /** The value as JSON text, as the mapper would write it. */
    public static String encode(ObjectMapper json, Object value) throws IOException {
        // Pooled buffers, as ObjectMapper.writeValueAsString uses them.
        BufferRecycler recycler = json.getFactory()._getBufferRecycler();
        try (SegmentedStringWriter text = new SegmentedStringWriter(recycler)) {
            try (JsonGenerator out = json.createGenerator(text)) {
                write(json, out, value);
            }
            return text.getAndClear();
        } finally {
            recycler.releaseToPool();
        }
    }

    /** How many bytes the value takes as UTF-8 JSON, counted as it is encoded (no text of it is kept). */
    public static long utf8Length(ObjectMapper json, Object value) throws IOException {
        ByteCount count = new ByteCount();
        try (JsonGenerator out = json.createGenerator(count, JsonEncoding.UTF8)) {
            write(json, out, value);
        }
        return count.bytes;
    }

    /** Writes one value; what is not a plain value goes to the mapper, into the same generator. */
    public static void write(ObjectMapper json, JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Integer i) {
            out.writeNumber(i);
        } else if (value instanceof Long l) {
            out.writeNumber(l);
        } else if (value instanceof Double d) {
            out.writeNumber(d);
        } else if (value instanceof Map<?, ?> map && textKeys(map)) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName((String) entry.getKey());
                write(json, out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object item : list) {
                write(json, out, item);
            }
            out.writeEndArray();
        } else if (value instanceof Short s) {
            out.writeNumber(s);
        } else if (value instanceof Float f) {
            out.writeNumber(f);
        } else if (value instanceof BigDecimal d) {
            out.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            out.writeNumber(i);
        } else {
            json.writeValue(out, value);
        }
    }

    /** Whether every key is text (any other key is written as the mapper's key serializers write it). */
    private static boolean textKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** An output that only counts what is written to it. */
    private static final class ByteCount extends OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
