package io.mcpconnectors.mongodb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Singleton;

import org.bson.BsonDocument;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

/** Records the commands the connector sends, so tests can check what reached the server (maxTimeMS above all). */
@Singleton
public class RecordingCommandListener implements CommandListener {

    public record Sent(String name, BsonDocument command) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        sent.add(new Sent(event.getCommandName(), event.getCommand().clone()));
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public void clear() {
        sent.clear();
    }
}
