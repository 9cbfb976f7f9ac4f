package io.mcpconnectors.salesforce;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.Connector;

/** The Salesforce connector: one org, reached as one integration user. */
@ApplicationScoped
public class SalesforceConnector implements Connector {

    private final SalesforceApi api;

    public SalesforceConnector(SalesforceApi api) {
        this.api = api;
    }

    @Override
    public String name() {
        return "salesforce";
    }

    @Override
    public boolean openWorld() {
        return true;
    }

    @Override
    public void verify() {
        api.version();
    }

    /**
     * What the integration user could change, from describeGlobal: objects it may create, update or delete
     * records of. A read-only permission set shows none.
     */
    @Override
    public String excessWriteRight() {
        try {
            int writable = 0;
            StringBuilder examples = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonNode object : api.get("/sobjects", Map.of()).path("sobjects")) {
                if (object.path("createable").asBoolean() || object.path("updateable").asBoolean()
                        || object.path("deletable").asBoolean()) {
                    if (writable < 3) {
                        examples.append(writable == 0 ? "" : ", ").append(object.path("name").asText());
                    }
                    writable++;
                }
            }
            return writable == 0 ? null : "the Salesforce integration user can create, update or delete records of "
                    + writable + " objects (e.g. " + examples + "); give it a read-only permission set";
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public String healthProblem() {
        try {
            api.get("/limits", Map.of());
            return null;
        } catch (RuntimeException e) {
            return "cannot reach Salesforce: " + e.getMessage();
        }
    }
}
