package io.mcpconnectors.common.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ArgTest {

    private static final Arg<String> SQL = Arg.string("sql", "one SQL query").required();
    private static final Arg<String> SCHEMA = Arg.string("schema", "its schema").orElse("public");
    private static final Arg<Long> ROWS = Arg.integer("n", "how many rows");
    private static final Arg<Boolean> DRY_RUN = Arg.bool("dry_run", "preview only").orElse(false);
    private static final Arg<List<Object>> PARAMS = Arg.values("params", "values for $1, $2, ...",
            Map.of("type", List.of("string", "number")));
    private static final Arg<String> TOKEN = Arg.string("token", "an access token").secret();

    @Test
    void declaresTheSameArgumentAsTheSpecByName() {
        assertEquals(new ArgSpec("sql", ArgType.STRING, "one SQL query", true, false, null), SQL.spec());
        assertEquals(ArgSpec.optional("n", ArgType.INTEGER, "how many rows"), ROWS.spec());
        assertEquals(new ArgSpec("params", ArgType.VALUE_ARRAY, "values for $1, $2, ...", false, false,
                Map.of("type", List.of("string", "number"))), PARAMS.spec());
        assertTrue(TOKEN.spec().secret());
        assertFalse(SCHEMA.spec().required());
    }

    @Test
    void aShapedHandleDeclaresWhatArgSpecShapedDeclaresAndReadsItsValue() {
        ArgSchema filter = ArgSchema.object().withProperty("$or", ArgSchema.arrayOf(ArgSchema.object()), false);
        Arg<Map<String, Object>> handle = Arg.object("filter", "query filter").required().shaped(filter);
        assertEquals(ArgSpec.shaped("filter", true, "query filter", filter), handle.spec());
        ArgSchema names = ArgSchema.arrayOf(ArgSchema.string().withPattern("[A-Za-z]+"));
        assertEquals(ArgSpec.shaped("fields", false, "field names", names),
                Arg.strings("fields", "field names").shaped(names).spec());
        assertEquals(Map.of("$or", List.of()), new ToolArguments(Map.of("filter", Map.of("$or", List.of())))
                .get(handle));
        assertThrows(IllegalArgumentException.class, () -> Arg.string("n", "a name").shaped(ArgSchema.integer()));
    }

    @Test
    void readsTheValueTheCallCarries() {
        ToolArguments arguments = new ToolArguments(Map.of("sql", "SELECT 1", "schema", "sales", "n", 5L,
                "dry_run", true, "params", List.of("a", 2)));
        assertEquals("SELECT 1", arguments.get(SQL));
        assertEquals("sales", arguments.get(SCHEMA));
        assertEquals(5L, arguments.get(ROWS));
        assertTrue(arguments.get(DRY_RUN));
        assertEquals(List.of("a", 2), arguments.get(PARAMS));
    }

    @Test
    void anAbsentArgumentReadsAsItsDefaultNullOrAnEmptyList() {
        ToolArguments arguments = new ToolArguments(Map.of("sql", "SELECT 1"));
        assertEquals("public", arguments.get(SCHEMA));
        assertFalse(arguments.get(DRY_RUN));
        assertNull(arguments.get(ROWS));
        assertEquals(List.of(), arguments.get(PARAMS));
        assertFalse(arguments.has(ROWS));
    }

    @Test
    void anAbsentRequiredArgumentIsRefusedByName() {
        ToolCallException refused = assertThrows(ToolCallException.class,
                () -> new ToolArguments(Map.of()).get(SQL));
        assertEquals("Argument 'sql' is required.", refused.getMessage());
    }

    @Test
    void handlesAndNamesReadTheSameValues() {
        ToolArguments arguments = new ToolArguments(Map.of("sql", "SELECT 1", "n", 7L));
        assertEquals(arguments.string("sql"), arguments.get(SQL));
        assertEquals(arguments.intInRange("n", 10, 1, 100), arguments.intInRange(ROWS, 10, 1, 100));
    }
}
