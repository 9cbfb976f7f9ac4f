package io.mcpconnectors.common.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.spi.ArgSchema;
import io.mcpconnectors.common.spi.ArgSpec;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Arguments declared with a shape are advertised as JSON Schema 2020-12 and checked against it, at any depth. */
class ShapeCheckTest {

    static final ArgSchema ADDRESS = ArgSchema.object().withProperty("street", ArgSchema.string(), true)
            .withProperty("zip", ArgSchema.string().withPattern("[0-9]{5}"), false).closedToOthers()
            .definedAs("address");

    static final ToolSpec SHIP = new ToolSpec("ship", "Ship", "Ships.", ToolAccess.READ, List.of(
            ArgSpec.shaped("to", true, "where", ADDRESS),
            ArgSpec.shaped("from", false, "whence", ADDRESS),
            ArgSpec.shaped("speed", false, "how fast", ArgSchema.enumOf("slow", "fast")),
            ArgSpec.shaped("boxes", false, "the boxes", ArgSchema.arrayOf(ArgSchema.object()
                    .withProperty("weight", ArgSchema.number().withRange(0, 30), true)).withSize(1, 3)),
            ArgSpec.shaped("label", false, "a label or a label id", ArgSchema.oneOf(ArgSchema.string(),
                    ArgSchema.integer().withRange(1, null)))),
            Map.of());

    static String problem(Map<String, Object> arguments) {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> ArgumentValidator.validate(SHIP, arguments));
        String prefix = "Invalid arguments for tool ship: ";
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        return e.getMessage().substring(prefix.length());
    }

    @Test
    void valuesOfTheDeclaredShapePass() {
        Map<String, Object> valid = Map.of("to", new JsonObject().put("street", "Main St 1").put("zip", "12345"),
                "speed", "fast", "boxes", new JsonArray().add(new JsonObject().put("weight", 2.5)), "label", 7);
        assertEquals(7L, ArgumentValidator.validate(SHIP, valid).get("label"));
        assertEquals("x", ArgumentValidator.validate(SHIP, Map.of("to", Map.of("street", "s"), "label", "x"))
                .get("label"));
    }

    @Test
    void nestedObjectsAreCheckedPropertyByProperty() {
        assertEquals("argument 'to' must have the property 'street'", problem(Map.of("to", Map.of())));
        assertEquals("argument 'to.zip' must match [0-9]{5}, got '1234'",
                problem(Map.of("to", Map.of("street", "s", "zip", "1234"))));
        assertEquals("argument 'from' has the unknown property 'city'; accepted: [street, zip]",
                problem(Map.of("to", Map.of("street", "s"), "from", Map.of("street", "s", "city", "Bern"))));
        assertEquals("argument 'to' must be an object, got a string", problem(Map.of("to", "Main St 1")));
    }

    @Test
    void arraysCheckTheirSizeAndEveryItem() {
        assertEquals("argument 'boxes' must have at least 1 item, got 0",
                problem(Map.of("to", Map.of("street", "s"), "boxes", List.of())));
        assertEquals("argument 'boxes[1].weight' must be between 0 and 30, got 31",
                problem(Map.of("to", Map.of("street", "s"), "boxes", List.of(Map.of("weight", 1), Map.of("weight",
                        31)))));
    }

    @Test
    void enumsAndOneOfNameWhatIsAccepted() {
        assertEquals("argument 'speed' must be one of [slow, fast], got 'warp'",
                problem(Map.of("to", Map.of("street", "s"), "speed", "warp")));
        assertEquals("argument 'label' must be between 1 and null, got 0",
                problem(Map.of("to", Map.of("street", "s"), "label", 0)));
        assertEquals("argument 'label' must be one of: a string; an integer, got a boolean",
                problem(Map.of("to", Map.of("street", "s"), "label", true)));
    }

    @Test
    void theSchemaIsJsonSchema202012WithSharedDefinitions() {
        JsonObject schema = SchemaFactory.inputSchema(SHIP);
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.getString("$schema"));
        assertEquals("#/$defs/address", schema.getJsonObject("properties").getJsonObject("to").getString("$ref"));
        assertEquals("#/$defs/address", schema.getJsonObject("properties").getJsonObject("from").getString("$ref"));
        JsonObject address = schema.getJsonObject("$defs").getJsonObject("address");
        assertEquals(false, address.getBoolean("additionalProperties"));
        assertEquals("^(?:[0-9]{5})$", address.getJsonObject("properties").getJsonObject("zip").getString("pattern"));
        assertEquals(2, schema.getJsonObject("properties").getJsonObject("label").getJsonArray("oneOf").size());
        assertEquals(1, schema.getJsonObject("properties").getJsonObject("boxes").getInteger("minItems"));
    }
}
