package io.mcpconnectors.conformance;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Connector;

/** No data source: the fixture answers from constants. */
@ApplicationScoped
public class FixtureConnector implements Connector {

    @Override
    public String name() {
        return "conformance";
    }

    @Override
    public String healthProblem() {
        return null;
    }
}
