package io.mcpconnectors.common.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

class JsonMessageDecoderTest {

    /** The values and their classes, as the MCP layer's own decoding of the line makes them. */
    private static void assertDecodedAsVertxDoes(String line) throws IOException {
        JsonObject ours = JsonMessageDecoder.decode(line);
        JsonObject theirs = (JsonObject) Json.decodeValue(line);
        assertEquals(theirs, ours);
        assertEquals(shape(theirs.getMap()), shape(ours.getMap()));
        assertEquals(List.copyOf(theirs.fieldNames()), List.copyOf(ours.fieldNames()));
    }

    /** The value with every leaf replaced by its class name and every map by its entries in order. */
    private static Object shape(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> List.of(e.getKey(), shape(e.getValue()))).toList();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonMessageDecoderTest::shape).toList();
        }
        return value == null ? "null" : value.getClass().getName();
    }

    @Test
    void aToolCallIsDecodedAsTheMcpLayerDecodesIt() throws IOException {
        assertDecodedAsVertxDoes("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"query\","
                + "\"arguments\":{\"sql\":\"SELECT * FROM orders WHERE id = $1\",\"params\":[42]},"
                + "\"_meta\":{\"progressToken\":\"p-1\"}}}");
    }

    @Test
    void everyKindOfValueIsDecodedAsTheMcpLayerDecodesIt() throws IOException {
        assertDecodedAsVertxDoes("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"tools/call\",\"params\":{\"z\":1,"
                + "\"a\":2147483648,\"big\":123456789012345678901234567890,\"neg\":-5,\"f\":1.5,\"e\":1e3,"
                + "\"tiny\":-2.5E-300,\"t\":true,\"n\":null,\"s\":\"é \\u00e9 \\ud83d\\ude00 \\n \\\"\",\"empty\":{},"
                + "\"list\":[[],[1,[2,{\"x\":[null,false]}]],\"\"],\"deep\":{\"a\":{\"b\":{\"c\":[0.0,-0.0]}}}}}");
    }

    @Test
    void whatIsNotOneObjectIsRefused() {
        assertThrows(IOException.class, () -> JsonMessageDecoder.decode("[1]"));
        assertThrows(IOException.class, () -> JsonMessageDecoder.decode("{\"a\":1} {}"));
        assertThrows(IOException.class, () -> JsonMessageDecoder.decode("{\"a\":"));
    }
}
