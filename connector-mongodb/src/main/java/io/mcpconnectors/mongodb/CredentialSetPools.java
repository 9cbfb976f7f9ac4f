package io.mcpconnectors.mongodb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;

import io.mcpconnectors.common.secrets.KnownSecrets;
import io.mcpconnectors.common.config.InvalidSettingException;
import io.mcpconnectors.common.spi.ToolCallException;
import io.mcpconnectors.mongodb.ConnectionStrings.UnusableConnectionString;

/**
 * User-bound access ({@code connector.identity.mode=mapped}): a caller's mapped value names a credential set, whose
 * connection string (with that set's MongoDB user) is in the file
 * {@code connector.mongodb.identity.connection-string-file."<set>"}. Each credential set gets its own client and
 * connection pool, opened on the first call that needs it, so calls reach MongoDB as the set's user and the
 * server's own authorization applies to them. At most {@code connector.mongodb.identity.max-pools} are open at once:
 * to open another, the least recently used pool that no call holds is closed; when every open pool is held, the
 * call is refused rather than waiting. The files are read when a pool opens and their text is never kept, logged or
 * shown; all pools close when the connector stops.
 */
@ApplicationScoped
public class CredentialSetPools {

    static final String FILE_KEY = "connector.mongodb.identity.connection-string-file";
    static final String MAX_KEY = "connector.mongodb.identity.max-pools";
    static final String APPLICATION = "mcp-connector-mongodb";
    /** A credential set's name: it appears in settings, environment variable names and the audit trail. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** Creates a client for a connection string, named for the server's logs. */
    @FunctionalInterface
    interface ClientFactory {
        MongoClient create(ConnectionString connection, String applicationName);
    }

    private final Map<String, Path> files;
    private final int maxPools;
    private final ClientFactory clients;
    private final KnownSecrets secrets;
    /** The open pools, least recently leased first. */
    private final LinkedHashMap<String, PooledClient> open = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    @Inject
    public CredentialSetPools(MongoConnectorConfig config, MongoClientFactory factory, KnownSecrets secrets) {
        this(config.identity().connectionStringFile(), config.identity().maxPools(), factory::create, secrets);
    }

    CredentialSetPools(Map<String, Path> files, int maxPools, ClientFactory clients) {
        this(files, maxPools, clients, new KnownSecrets());
    }

    CredentialSetPools(Map<String, Path> files, int maxPools, ClientFactory clients, KnownSecrets secrets) {
        this.secrets = secrets;
        if (maxPools < 1) {
            throw new InvalidSettingException(MAX_KEY, "must be at least 1");
        }
        Map<String, Path> named = new LinkedHashMap<>();
        files.forEach((name, file) -> named.put(unquoted(name), file));
        this.files = Map.copyOf(named);
        this.maxPools = maxPools;
        this.clients = clients;
    }

    /**
     * What is wrong with a mapped value as a credential set, checked at start: its name, its file setting, and that
     * the file can be read and holds a connection string with a user. Null when it can be used. The connection
     * string itself is never part of the answer.
     */
    public String problem(String set) {
        if (!NAME.matcher(set).matches()) {
            return "is not a credential set name: letters, digits, '_', '.' and '-', at most 64 characters";
        }
        Path file = files.get(set);
        if (file == null) {
            return "names no credential set: " + key(set) + " is not set; give it the file holding the connection"
                    + " string (with the user and password) that callers mapped to " + set + " reach MongoDB with";
        }
        try {
            ConnectionString connection = ConnectionStrings.fromFile(file);
            // Known from the start check on, before any pool of the set signs in with it.
            ConnectionStrings.registerPassword(secrets, key(set), connection);
            if (connection.getCredential() == null) {
                return key(set) + " (" + file + ") holds a connection string without a user, so its callers would"
                        + " not reach MongoDB as a user of their own; put the credential set's user in it";
            }
            return null;
        } catch (UnusableConnectionString e) {
            return key(set) + " (" + file + ") " + e.getMessage();
        }
    }

    /**
     * The pool of a credential set, opened if it is not, and held until {@link #release}.
     *
     * @throws ToolCallException when every open pool is held by calls and no other may be opened, or the set's
     *         connection string cannot be used any more
     */
    PooledClient acquire(String set) {
        List<PooledClient> retired = new ArrayList<>();
        try {
            synchronized (this) {
                if (closed) {
                    throw new ToolCallException("The connector is stopping; try again once it has restarted.");
                }
                PooledClient pooled = open.get(set);
                if (pooled == null) {
                    if (open.size() >= maxPools) {
                        retired.add(retireLeastRecentlyUsed());
                    }
                    pooled = create(set);
                    open.put(set, pooled);
                }
                pooled.leases++;
                return pooled;
            }
        } finally {
            // Closing waits for the pool's connections to end: not while holding the lock.
            retired.forEach(PooledClient::close);
        }
    }

    synchronized void release(PooledClient pooled) {
        pooled.leases--;
    }

    /** The credential sets whose pools are open now, least recently used first. */
    synchronized List<String> openSets() {
        return List.copyOf(open.keySet());
    }

    private PooledClient retireLeastRecentlyUsed() {
        for (Iterator<PooledClient> pools = open.values().iterator(); pools.hasNext();) {
            PooledClient pooled = pools.next();
            if (pooled.leases == 0) {
                pools.remove();
                return pooled;
            }
        }
        throw new ToolCallException("All " + maxPools + " MongoDB connection pools (" + MAX_KEY + ") are in use by"
                + " calls of other credential sets; try again in a moment, or ask an admin to raise " + MAX_KEY + ".");
    }

    private PooledClient create(String set) {
        Path file = files.get(set);
        if (file == null) {
            throw new ToolCallException("No connection string is configured for credential set " + set + " ("
                    + key(set) + "); ask an admin to add it.");
        }
        ConnectionString connection;
        try {
            connection = ConnectionStrings.fromFile(file);
        } catch (UnusableConnectionString e) {
            throw new ToolCallException("The connection string of credential set " + set + " (" + key(set) + ") "
                    + e.getMessage() + "; ask an admin to fix it.");
        }
        // The file may have changed since the start check (a rotated password).
        ConnectionStrings.registerPassword(secrets, key(set), connection);
        return new PooledClient(clients.create(connection, APPLICATION + ":" + set),
                String.join(",", connection.getHosts()));
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        open.values().forEach(PooledClient::close);
        open.clear();
    }

    static String key(String set) {
        return FILE_KEY + ".\"" + set + "\"";
    }

    /** A map key as written in a properties file ({@code ."analysts"}) or an environment variable. */
    private static String unquoted(String key) {
        String trimmed = key.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }
}
