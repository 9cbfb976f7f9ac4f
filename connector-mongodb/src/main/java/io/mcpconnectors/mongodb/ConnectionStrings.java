package io.mcpconnectors.mongodb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.mongodb.ConnectionString;

import io.mcpconnectors.common.secrets.KnownSecrets;

/**
 * Connection strings read from a setting or a secret file. They carry passwords, so a problem with one is told
 * without its text: the driver's own parse errors can quote it and are never passed on.
 */
final class ConnectionStrings {

    /** A connection string that cannot be used; the message says why without quoting it. */
    static final class UnusableConnectionString extends Exception {
        private static final long serialVersionUID = 1L;

        UnusableConnectionString(String problem) {
            super(problem, null, false, false);
        }
    }

    private ConnectionStrings() {
    }

    /** The connection string on the first line of a file (a mounted secret). */
    static ConnectionString fromFile(Path file) throws UnusableConnectionString {
        String text;
        try {
            List<String> lines = Files.readAllLines(file);
            text = lines.isEmpty() ? "" : lines.get(0).strip();
        } catch (IOException e) {
            throw new UnusableConnectionString("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return parse(text);
    }

    static ConnectionString parse(String text) throws UnusableConnectionString {
        try {
            return new ConnectionString(text);
        } catch (RuntimeException e) {
            throw new UnusableConnectionString(
                    "is not a MongoDB connection string (expected mongodb://host:port/... or mongodb+srv://...)");
        }
    }

    /** Registers the password the connection string holds, if any, as one of the connector's secrets. */
    static void registerPassword(KnownSecrets secrets, String name, ConnectionString connection) {
        char[] password = connection.getPassword();
        if (password != null) {
            secrets.register(name, new String(password));
        }
    }
}
