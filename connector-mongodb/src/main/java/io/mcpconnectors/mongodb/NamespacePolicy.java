package io.mcpconnectors.mongodb;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.mcpconnectors.common.spi.ToolCallException;

/**
 * Which databases and collections the tools may reach. Deny wins over allow; {@code admin}, {@code local} and
 * {@code config} (server internals and credentials) and {@code system.*} collections are never reachable.
 * Patterns are globs: {@code *} matches any run of characters.
 */
public final class NamespacePolicy {

    static final Set<String> INTERNAL_DATABASES = Set.of("admin", "local", "config");

    private final List<Pattern> allowDatabases;
    private final List<Pattern> denyDatabases;
    private final List<Pattern> allowCollections;
    private final List<Pattern> denyCollections;

    NamespacePolicy(List<String> allowDatabases, List<String> denyDatabases, List<String> allowCollections,
            List<String> denyCollections) {
        this.allowDatabases = globs(allowDatabases);
        this.denyDatabases = globs(denyDatabases);
        this.allowCollections = globs(allowCollections);
        this.denyCollections = globs(denyCollections);
    }

    static NamespacePolicy from(MongoConnectorConfig config) {
        return new NamespacePolicy(config.databases().allow().orElse(null), config.databases().deny().orElse(List.of()),
                config.collections().allow().orElse(null), config.collections().deny().orElse(List.of()));
    }

    public boolean databaseAllowed(String database) {
        return !INTERNAL_DATABASES.contains(database) && matchesAllow(allowDatabases, database)
                && denyDatabases.stream().noneMatch(p -> p.matcher(database).matches());
    }

    public boolean collectionAllowed(String database, String collection) {
        String namespace = database + "." + collection;
        return databaseAllowed(database) && !collection.startsWith("system.")
                && matchesAllow(allowCollections, namespace)
                && denyCollections.stream().noneMatch(p -> p.matcher(namespace).matches());
    }

    public void checkDatabase(String database) {
        if (database == null || database.isBlank()) {
            throw new ToolCallException("Argument 'database' must not be empty; use list_databases to see the"
                    + " databases you can reach.");
        }
        if (!databaseAllowed(database)) {
            throw new ToolCallException("Database '" + database + "' is not available to this connector"
                    + " (connector.mongodb.databases.allow/deny); use list_databases to see the ones that are.");
        }
    }

    public void checkCollection(String database, String collection) {
        checkDatabase(database);
        if (collection == null || collection.isBlank()) {
            throw new ToolCallException("Argument 'collection' must not be empty; use list_collections to see the"
                    + " collections of '" + database + "'.");
        }
        if (!collectionAllowed(database, collection)) {
            throw new ToolCallException("Collection '" + database + "." + collection + "' is not available to this"
                    + " connector (connector.mongodb.collections.allow/deny, system collections); use"
                    + " list_collections to see the ones that are.");
        }
    }

    private static boolean matchesAllow(List<Pattern> allow, String name) {
        return allow == null || allow.stream().anyMatch(p -> p.matcher(name).matches());
    }

    private static List<Pattern> globs(List<String> globs) {
        if (globs == null) {
            return null;
        }
        return globs.stream().map(String::strip).filter(g -> !g.isEmpty())
                .map(g -> Pattern.compile(("\\Q" + g + "\\E").replace("*", "\\E.*\\Q"))).toList();
    }
}
