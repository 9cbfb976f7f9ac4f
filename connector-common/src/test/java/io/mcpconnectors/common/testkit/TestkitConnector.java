package io.mcpconnectors.common.testkit;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Connector;

/** A connector over an in-memory "source" that exists only to exercise the runtime. */
@ApplicationScoped
public class TestkitConnector implements Connector {

    @Override
    public String name() {
        return "testkit";
    }

    @Override
    public String healthProblem() {
        return null;
    }
}
