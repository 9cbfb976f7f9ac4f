package io.mcpconnectors.mongodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import io.mcpconnectors.common.spi.Connector;

/**
 * The MongoDB connector: one deployment, reached as one user, or with {@code connector.identity.mode=mapped} as the
 * user of each caller's credential set.
 */
@ApplicationScoped
public class MongoConnector implements Connector {

    /** Privilege actions that change data or structure. */
    static final Set<String> WRITE_ACTIONS = Set.of("insert", "update", "remove", "dropCollection", "dropDatabase",
            "createCollection", "createIndex", "dropIndex", "renameCollectionSameDB", "collMod", "convertToCapped",
            "emptycapped", "bypassDocumentValidation", "createUser", "dropUser", "grantRole", "anyAction");

    private final MongoAccess mongo;
    private final CredentialSetPools pools;

    public MongoConnector(MongoAccess mongo, CredentialSetPools pools) {
        this.mongo = mongo;
        this.pools = pools;
    }

    @Override
    public String name() {
        return "mongodb";
    }

    @Override
    public void verify() {
        mongo.target();
    }

    /**
     * A mapped value names a credential set: its connection-string file must be set, readable and hold a connection
     * string with a user. Its pool is opened on the first call that needs it, not here.
     */
    @Override
    public String mappedIdentityProblem(String set) {
        return pools.problem(set);
    }

    @Override
    public String healthProblem() {
        try {
            mongo.serviceClient().getDatabase("admin").runCommand(new Document("ping", 1));
            return null;
        } catch (RuntimeException e) {
            return "cannot reach MongoDB at " + mongo.target() + ": " + MongoErrors.describe(e);
        }
    }

    /**
     * What the connected user could change, from {@code connectionStatus} with privileges: write actions on any
     * resource, or no access control at all (no authenticated user on a server that accepts commands).
     */
    @Override
    public String excessWriteRight() {
        try {
            Document status = mongo.serviceClient().getDatabase("admin")
                    .runCommand(new Document("connectionStatus", 1).append("showPrivileges", true));
            Document auth = status.get("authInfo", Document.class);
            if (auth == null) {
                return null;
            }
            List<?> users = auth.getList("authenticatedUsers", Object.class, List.of());
            if (users.isEmpty()) {
                return "the MongoDB deployment at " + mongo.target() + " accepts commands without authentication,"
                        + " so anything that reaches it can write; enable access control and connect as a user with"
                        + " only the read role";
            }
            Set<String> actions = new TreeSet<>();
            for (Object privilege : auth.getList("authenticatedUserPrivileges", Object.class, List.of())) {
                if (privilege instanceof Document p) {
                    for (Object action : p.getList("actions", Object.class, List.of())) {
                        if (WRITE_ACTIONS.contains(String.valueOf(action))) {
                            actions.add(String.valueOf(action));
                        }
                    }
                }
            }
            if (actions.isEmpty()) {
                return null;
            }
            List<String> shown = new ArrayList<>(actions);
            return "the MongoDB user connected to " + mongo.target() + " holds write privileges ("
                    + String.join(", ", shown) + ")";
        } catch (RuntimeException e) {
            return null;
        }
    }
}
