package io.mcpconnectors.salesforce;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcpconnectors.common.spi.CallerIdentity;
import io.mcpconnectors.common.spi.Connector;

/**
 * The Salesforce connector: one org, reached as one integration user, or with {@code connector.identity.mode=mapped}
 * as each caller's own Salesforce user.
 */
@ApplicationScoped
public class SalesforceConnector implements Connector {

    /**
     * A Salesforce username has the form of an email address ({@code alice@acme.com}, {@code alice@acme.com.uat} in
     * a sandbox): one {@code @}, a dotted domain, no white space, and at most 80 characters.
     */
    static final Pattern USERNAME = Pattern.compile("[^@\\s,;]+@[^@\\s,;.]+(\\.[^@\\s,;.]+)+");
    static final int USERNAME_MAX = 80;

    /** Health and start-up checks act as the integration user. */
    private static final CallerIdentity CONNECTOR = CallerIdentity.service("connector");

    private final SalesforceApi api;
    private final boolean signInAtStart;

    public SalesforceConnector(SalesforceApi api, SalesforceConnectorConfig config) {
        this.api = api;
        this.signInAtStart = config.identity().signInAtStart();
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
     * A mapped value is a Salesforce username. Unless {@code connector.salesforce.identity.sign-in-at-start=false},
     * the connector signs in as it once (the token is kept for the user's first call), which proves that the
     * connected app pre-authorizes the user.
     */
    @Override
    public String mappedIdentityProblem(String username) {
        if (username.length() > USERNAME_MAX || !USERNAME.matcher(username).matches()) {
            return "is not a Salesforce username; a username has the form of an email address (alice@acme.com, or"
                    + " alice@acme.com.uat in a sandbox), at most " + USERNAME_MAX + " characters, one per mapping";
        }
        if (!signInAtStart) {
            return null;
        }
        try {
            api.signInAs(username);
            return null;
        } catch (SalesforceAuth.AuthenticationException e) {
            return "Salesforce did not let the connected app sign in as this user (" + e.getMessage() + "); in the"
                    + " connected app's policies set Permitted Users to \"Admin approved users are pre-authorized\""
                    + " and add a profile or permission set this user has, check the username is active in this org,"
                    + " or map the caller to another user";
        }
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
            for (JsonNode object : api.get(CONNECTOR, "/sobjects", Map.of()).path("sobjects")) {
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
            api.get(CONNECTOR, "/limits", Map.of());
            return null;
        } catch (RuntimeException e) {
            return "cannot reach Salesforce: " + e.getMessage();
        }
    }
}
