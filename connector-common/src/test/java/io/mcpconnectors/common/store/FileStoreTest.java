package io.mcpconnectors.common.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest extends ConnectorStoreContract {

    @TempDir
    Path dir;

    private final List<FileStore> opened = new ArrayList<>();

    @Override
    ConnectorStore open() {
        FileStore store = new FileStore(dir, JSON);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(FileStore::close);
    }

    @Override
    void editEvent(long seq, String newEvent) throws IOException {
        rewriteChain(seq, line -> {
            com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON
                    .readTree(line);
            node.put("event", newEvent);
            return JSON.writeValueAsString(node);
        });
    }

    @Override
    void deleteRecord(long seq) throws IOException {
        rewriteChain(seq, line -> null);
    }

    @Override
    void clearChain() throws IOException {
        Files.deleteIfExists(dir.resolve(FileStore.CHAIN));
        Files.deleteIfExists(dir.resolve(FileStore.HEAD));
    }

    private interface LineEdit {
        String apply(String line) throws IOException;
    }

    private void rewriteChain(long seq, LineEdit edit) throws IOException {
        Path chain = dir.resolve(FileStore.CHAIN);
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(chain)) {
            String result = JSON.readTree(line).get("seq").asLong() == seq ? edit.apply(line) : line;
            if (result != null) {
                kept.add(result);
            }
        }
        Files.write(chain, kept, StandardCharsets.UTF_8);
    }

    @Test
    void chainLinesAreTheRecordsAsJacksonWritesThemAndVerify() throws IOException {
        clearChain();
        ConnectorStore store = open();
        List<String> events = List.of("{\"text\":\"quote \\\" backslash \\\\ slash / tab \\t\"}",
                "{\"text\":\"é ü 日本 \uD83D\uDE00 \\u0001 \\u2028\"}", "{\"n\":1}",
                "{\"text\":\"raw DEL \u007f and line separator \u2028, a lone surrogate \uD800\"}");
        store.append(events, false);
        store.append("{\"n\":2}", true);
        close(store);
        List<String> lines = Files.readAllLines(dir.resolve(FileStore.CHAIN), StandardCharsets.UTF_8);
        assertEquals(5, lines.size());
        for (String line : lines) {
            ChainRecord record = JSON.readValue(line, ChainRecord.class);
            assertEquals(JSON.writeValueAsString(record), line);
            assertEquals(ChainRecord.hash(record.seq(), record.prev(), record.event()), record.hash());
        }
        assertEquals(events.get(1), JSON.readValue(lines.get(1), ChainRecord.class).event());
        ChainVerification result = open().verify();
        assertTrue(result.intact(), result.problem());
        assertEquals(5, result.records());
    }

    @Test
    void aLineTornByACrashIsDroppedAndTheChainGoesOn() throws IOException {
        clearChain();
        ConnectorStore store = open();
        store.append("{\"n\":1}", true);
        close(store);
        // A kill -9 in the middle of a write leaves half a line.
        Files.writeString(dir.resolve(FileStore.CHAIN), "{\"seq\":2,\"prev\":\"ab", StandardOpenOption.APPEND);
        ConnectorStore restarted = open();
        restarted.append("{\"n\":2}", true);
        ChainVerification result = restarted.verify();
        assertTrue(result.intact(), result.problem());
        assertEquals(2, result.records());
    }

    @Test
    void aRestartContinuesTheChainFromItsLastRecordHoweverLong() {
        ConnectorStore store = open();
        store.append("{\"n\":1}", false);
        // A record longer than the chunk the tail is read back in (an approval request with a large file).
        store.append("{\"arguments\":\"" + "x".repeat(200_000) + "\"}", true);
        close(store);
        ConnectorStore restarted = open();
        restarted.append("{\"n\":3}", true);
        ChainVerification result = restarted.verify();
        assertTrue(result.intact(), result.problem());
        assertEquals(3, result.records());
    }

    @Test
    void aRemovedHeadIsDetected() throws IOException {
        clearChain();
        ConnectorStore store = open();
        store.append("{\"n\":1}", true);
        store.append("{\"n\":2}", true);
        close(store);
        Files.delete(dir.resolve(FileStore.HEAD));
        ChainVerification result = open().verify();
        assertTrue(!result.intact() && result.problem().contains("head is missing"), String.valueOf(result));
    }

    @Test
    void aRecordWithoutItsFieldsIsReportedNotThrown() throws IOException {
        clearChain();
        ConnectorStore store = open();
        store.append("{\"n\":1}", true);
        close(store);
        Files.writeString(dir.resolve(FileStore.CHAIN), "{\"seq\":2}\n", StandardOpenOption.APPEND);
        ChainVerification result = open().verify();
        assertTrue(!result.intact() && result.problem().contains("not a readable chain record"),
                String.valueOf(result));
    }

    @Test
    void anUnwritableDataDirectoryIsReportedByName() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                () -> new FileStore(file.resolve("store"), JSON));
        assertTrue(e.getMessage().contains("connector.data-dir"), e.getMessage());
    }
}
