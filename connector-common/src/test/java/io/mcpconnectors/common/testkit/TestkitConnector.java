package io.mcpconnectors.common.testkit;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.spi.Connector;

/** A connector over an in-memory "source" that exists only to exercise the runtime. */
@ApplicationScoped
public class TestkitConnector implements Connector {

    /** The credential the "source" is reached with, registered as a real connector registers its own. */
    public static final String API_KEY = "tk_live_0123456789!Secret/Key+1";

    public TestkitConnector(KnownSecrets secrets) {
        secrets.register("connector.testkit.api-key", API_KEY);
    }

    @Override
    public String name() {
        return "testkit";
    }

    /** Any identity name but one that says it is invalid, so tests can see both outcomes. */
    @Override
    public String mappedIdentityProblem(String value) {
        return value.startsWith("invalid") ? "the testkit source has no identity " + value : null;
    }

    @Override
    public String healthProblem() {
        return null;
    }
}
