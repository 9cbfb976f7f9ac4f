package io.mcpconnectors.common.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class PlainJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private static void assertEncodedAsTheMapperDoes(Object value) throws Exception {
        assertEquals(JSON.writeValueAsString(value), PlainJson.encode(JSON, value));
        assertEquals(JSON.writeValueAsBytes(value).length, PlainJson.utf8Length(JSON, value));
    }

    @Test
    void plainValuesAreEncodedAsTheMapperEncodesThem() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 42);
        row.put("big", 9_007_199_254_740_993L);
        row.put("price", 12.5);
        row.put("tiny", 1.0E-7);
        row.put("float", 0.1f);
        row.put("short", (short) 7);
        row.put("decimal", new BigDecimal("1234567890.000000000001"));
        row.put("huge", new BigInteger("123456789012345678901234567890"));
        row.put("yes", true);
        row.put("none", null);
        row.put("text", "quote \" backslash \\ tab \t newline \n nul \u0000 é 日本 \uD83D\uDE00 </script>");
        row.put("empty", "");
        row.put("list", Arrays.asList(1, null, "two", List.of(), Map.of()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("columns", List.of(Map.of("name", "id"), Map.of("name", "note")));
        result.put("rows", List.of(row, new ArrayList<>(row.values())));
        result.put("truncated", false);
        assertEncodedAsTheMapperDoes(result);
        assertEncodedAsTheMapperDoes("just text");
        assertEncodedAsTheMapperDoes(null);
        assertEncodedAsTheMapperDoes(List.of());
    }

    @Test
    void otherValuesAreLeftToTheMapper() throws Exception {
        Map<Object, Object> keyedByNumber = new TreeMap<>(Map.of(1, "one", 2, "two"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("keyed", keyedByNumber);
        result.put("set", new LinkedHashSet<>(List.of("a", "b")));
        result.put("date", LocalDate.of(2026, 11, 30));
        result.put("time", OffsetDateTime.parse("2026-11-30T05:51:16.501+01:00"));
        result.put("uuid", UUID.fromString("00000000-0000-0000-0000-000000000042"));
        result.put("bytes", new byte[] { 1, 2, 3 });
        result.put("optional", Optional.of("x"));
        result.put("array", new Object[] { 1, "a" });
        result.put("vertx", new JsonObject().put("a", new JsonArray().add(1).add("b")));
        result.put("character", 'c');
        assertEncodedAsTheMapperDoes(result);
    }
}
