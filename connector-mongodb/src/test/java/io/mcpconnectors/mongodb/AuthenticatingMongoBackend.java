package io.mcpconnectors.mongodb;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;

/**
 * The in-process server's memory backend with what user-bound access needs from a server: users who sign in, the
 * server's own authorization by database for them, and a record of who sent each command. Sign-in is SASL PLAIN
 * (the one mechanism simple enough to serve here; the test's passwords travel over loopback only), checked against
 * the users given. A connection that does not sign in is served as before, without access control, so the other
 * tests see the server they always did.
 */
public class AuthenticatingMongoBackend extends MemoryBackend {

    /** A user: its password, and the databases it may use (besides admin). */
    public record User(String password, Set<String> databases) {
    }

    /**
     * A command as the server received it: the user its connection signed in as (null for none), the client's
     * application name from the connection's handshake, the database, the command's name and its whole text.
     */
    public record Received(String user, String application, String database, String command, String text) {
    }

    private static final int UNAUTHORIZED = 13;
    private static final int AUTHENTICATION_FAILED = 18;

    private final Map<String, User> users;
    private final Map<Channel, String> signedIn = new ConcurrentHashMap<>();
    private final Map<Channel, String> applications = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public AuthenticatingMongoBackend(Map<String, User> users) {
        this.users = Map.copyOf(users);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (command.equalsIgnoreCase("hello") || command.equalsIgnoreCase("isMaster")) {
            rememberApplication(channel, query);
            return super.handleCommand(channel, database, command, query);
        }
        if (command.equals("saslStart")) {
            return signIn(channel, query);
        }
        String user = signedIn.get(channel);
        received.add(new Received(user, applications.get(channel), database, command, query.toString()));
        if (user != null && !database.equals("admin") && !users.get(user).databases().contains(database)) {
            throw new MongoServerError(UNAUTHORIZED, "Unauthorized",
                    "not authorized on " + database + " to execute command { " + command + " }");
        }
        return super.handleCommand(channel, database, command, query);
    }

    /** SASL PLAIN in one step: the payload is {@code authzid NUL user NUL password}. */
    private Document signIn(Channel channel, Document query) {
        if (!"PLAIN".equals(query.get("mechanism")) || !(query.get("payload") instanceof BinData payload)) {
            throw new MongoServerError(AUTHENTICATION_FAILED, "AuthenticationFailed",
                    "only the PLAIN mechanism is served here");
        }
        String[] parts = new String(payload.getData(), StandardCharsets.UTF_8).split("\0", -1);
        User user = parts.length == 3 ? users.get(parts[1]) : null;
        if (user == null || !user.password().equals(parts[2])) {
            throw new MongoServerError(AUTHENTICATION_FAILED, "AuthenticationFailed", "Authentication failed.");
        }
        signedIn.put(channel, parts[1]);
        return new Document("conversationId", 1).append("done", true).append("payload", new BinData(new byte[0]))
                .append("ok", 1.0);
    }

    private void rememberApplication(Channel channel, Document hello) {
        if (hello.get("client") instanceof Document client && client.get("application") instanceof Document app
                && app.get("name") instanceof String name) {
            applications.put(channel, name);
        }
    }

    @Override
    public void handleClose(Channel channel) {
        signedIn.remove(channel);
        applications.remove(channel);
        super.handleClose(channel);
    }

    /** Every command received so far, except handshakes (and monitoring heartbeats) and sign-ins. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Connections open now that signed in as the user. */
    public long connectionsOf(String user) {
        return signedIn.entrySet().stream().filter(e -> e.getKey().isActive() && user.equals(e.getValue())).count();
    }
}
