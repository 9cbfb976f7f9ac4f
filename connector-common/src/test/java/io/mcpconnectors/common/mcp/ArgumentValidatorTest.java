package io.mcpconnectors.common.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpconnectors.common.spi.ArgSchema;
import io.mcpconnectors.common.spi.ArgSpec;
import io.mcpconnectors.common.spi.ArgType;
import io.mcpconnectors.common.spi.ToolAccess;
import io.mcpconnectors.common.spi.ToolSpec;
import io.vertx.core.json.JsonObject;

/**
 * Strings a data source would read differently from what the guards checked never reach a tool: a lone UTF-16
 * surrogate (JSON can carry {@code \ud800}) is encoded for the source as a replacement character, which a query
 * language may read as an operator.
 */
class ArgumentValidatorTest {

    static final ToolSpec QUERY = new ToolSpec("query", "Query", "Runs a query.", ToolAccess.READ,
            List.of(ArgSpec.required("sql", ArgType.STRING, "the statement"),
                    ArgSpec.optional("filter", ArgType.OBJECT, "a filter")),
            Map.of());

    @Test
    void aLoneSurrogateInAStringIsAnInvalidArgumentNamingWhere() {
        InvalidArgumentsException error = assertThrows(InvalidArgumentsException.class,
                () -> ArgumentValidator.validate(QUERY, Map.of("sql", "SELECT '{}'::jsonb \ud800pg_terminate_backend(1)")));
        assertTrue(error.getMessage().startsWith("Invalid arguments for tool query: ")
                && error.getMessage().contains("argument 'sql'") && error.getMessage().contains("position 19"),
                error.getMessage());
    }

    @Test
    void aLoneLowSurrogateAndOneNestedInAnObjectAreRefusedToo() {
        assertThrows(InvalidArgumentsException.class, () -> ArgumentValidator.validate(QUERY, Map.of("sql", "x\udc00y")));
        assertThrows(InvalidArgumentsException.class, () -> ArgumentValidator.validate(QUERY, Map.of("sql", "SELECT 1",
                "filter", new JsonObject().put("name", List.of("ok", "tail\ud800")))));
        assertThrows(InvalidArgumentsException.class, () -> ArgumentValidator.validate(QUERY, Map.of("sql", "SELECT 1",
                "filter", Map.of("key\udfff", 1))));
    }

    @Test
    void aShapeErrorNeverQuotesASecretArgumentsValue() {
        ToolSpec login = new ToolSpec("login", "Login", "Signs in.", ToolAccess.READ, List.of(new ArgSpec("pin",
                ArgType.STRING, "a six-digit pin", true, true, null, ArgSchema.string().withPattern("[0-9]{6}"))),
                Map.of());
        InvalidArgumentsException error = assertThrows(InvalidArgumentsException.class,
                () -> ArgumentValidator.validate(login, Map.of("pin", "hunter2-password")));
        assertEquals("Invalid arguments for tool login: argument 'pin' must be a string (its value is secret, so not"
                + " shown here)", error.getMessage());
    }

    @Test
    void wholePairsAndOtherTextPass() {
        String emoji = "SELECT '\ud83d\ude00 ok', 'é', '中文'";
        assertEquals(emoji, ArgumentValidator.validate(QUERY, Map.of("sql", emoji)).get("sql"));
        assertEquals(null, ArgumentValidator.unpairedSurrogate(Map.of("a", List.of("b", "\ud83d\ude00"))));
    }
}
