package io.mcpconnectors.postgres;

import static io.mcpconnectors.common.test.SchemaCheckedCalls.call;
import static io.mcpconnectors.common.test.McpCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.test.McpClientTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Every PostgreSQL type the fixture holds comes back as JSON without loss. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresFixture.class)
class TypeMappingTest extends McpClientTest {

    Map<String, Object> row;
    Map<String, String> types;

    @BeforeEach
    void readTheTypesRow() {
        JsonObject result = ok(call(client, "query", Map.of("sql", "SELECT * FROM shop.types")));
        JsonArray columns = result.getJsonArray("columns");
        JsonArray values = result.getJsonArray("rows").getJsonArray(0);
        row = new HashMap<>();
        types = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.getJsonObject(i).getString("name"), values.getValue(i));
            types.put(columns.getJsonObject(i).getString("name"), columns.getJsonObject(i).getString("type"));
        }
    }

    @Test
    void keepsBigintBeyondDoublePrecisionAsAnExactString() {
        assertEquals("9223372036854775807", row.get("big"));
        assertEquals(42, ((Number) row.get("big_small")).intValue());
    }

    @Test
    void keepsNumericExactAsAString() {
        assertEquals("12345678901234567890.123456789", row.get("num"));
    }

    @Test
    void mapsFloatsAndTheirSpecialValues() {
        assertEquals(1.5, ((Number) row.get("r")).doubleValue());
        assertEquals(2.25, ((Number) row.get("d")).doubleValue());
        assertEquals("NaN", row.get("nan"));
    }

    @Test
    void mapsTimesToIso8601WithTheZoneWhereTheTypeHasOne() {
        assertEquals("2026-11-24T10:15:30.123456", row.get("ts"));
        assertEquals("2026-11-24T08:15:30Z", row.get("tstz"));
        assertEquals("2026-11-24", row.get("dt"));
        assertEquals("10:15:30", row.get("tm"));
        assertEquals("P1Y2M3DT4H5M6.5S", row.get("iv"));
    }

    @Test
    void mapsByteaToBase64() {
        assertEquals(Base64.getEncoder().encodeToString(new byte[] { 0, (byte) 0xff, 0x10 }), row.get("b"));
    }

    @Test
    void mapsArraysAndJson() {
        assertEquals(List.of(1, 2, 3), ((JsonArray) row.get("arr")).getList());
        assertEquals(List.of("a", "b"), ((JsonArray) row.get("tarr")).getList());
        assertEquals(new JsonObject().put("k", new JsonArray().add(1).add(2)), row.get("j"));
        assertEquals(1.5, ((JsonObject) row.get("jb")).getJsonObject("k").getDouble("n"));
    }

    @Test
    void mapsUuidInetEnumRangeBooleanAndNull() {
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", row.get("u"));
        assertEquals("192.168.0.1/24", row.get("ip"));
        assertEquals("paid", row.get("e"));
        assertEquals("[1,10)", row.get("rng"));
        assertEquals(true, row.get("flag"));
        assertEquals("12.34", row.get("m"));
        assertNull(row.get("nul"));
        assertTrue(row.containsKey("nul"));
    }
}
