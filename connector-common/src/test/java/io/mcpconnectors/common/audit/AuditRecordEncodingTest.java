package io.mcpconnectors.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class AuditRecordEncodingTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** What the trail and the chain held when the record was encoded by Jackson's data binding. */
    private static String bound(AuditRecord record) throws Exception {
        return "{\"type\":\"tool_call\"," + JSON.writeValueAsString(record).substring(1);
    }

    @Test
    void aRecordWithEveryFieldIsEncodedAsBefore() throws Exception {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("sql", "SELECT * FROM \"orders\" WHERE note = 'é\n日本 \uD83D\uDE00'");
        arguments.put("params", List.of(1, 2.5, true, "x"));
        arguments.put("nested", Map.of("k", List.of()));
        arguments.put("none", null);
        AuditRecord record = new AuditRecord("2026-11-30T01:02:03.456789Z", "postgres", "query", "READ",
                "local:ann", "mapped:analyst", "c2Vzc2lvbg==", arguments, "error", "PostgreSQL refused \"it\"\t(42P01)",
                12.345, 3, 4096, true);
        assertEquals(bound(record), AuditTrail.encode(JSON, record));
    }

    @Test
    void absentIdentityAndMessageAreLeftOutAndOtherNullsKept() throws Exception {
        AuditRecord record = new AuditRecord("2026-11-30T01:02:03Z", "filesystem", "list_roots", "READ", null, null,
                null, Map.of(), "ok", null, 0.25, 0, 0, false);
        assertEquals(bound(record), AuditTrail.encode(JSON, record));
        AuditRecord withoutArguments = new AuditRecord("2026-11-30T01:02:03Z", "filesystem", "list_roots", "READ",
                "anonymous", "service", "s", null, "invalid", "bad", 1.0E-3, 0, 0, false);
        assertEquals(bound(withoutArguments), AuditTrail.encode(JSON, withoutArguments));
    }
}
