package io.mcpconnectors.common.test;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A connector under test with write tools on, every write waiting for an admin's approval. */
public class AdminApprovedWrites implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("connector.access.writes", "enabled", "connector.approval.mode", "admin",
                "connector.data-dir", "target/connector-data/approved-writes");
    }
}
