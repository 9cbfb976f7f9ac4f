package io.mcpconnectors.common.store;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.mcpconnectors.common.approval.Approval;
import io.mcpconnectors.common.approval.ApprovalStatus;

/**
 * The single-machine store: append-only JSON-lines journals in the connector's data directory, shared safely by
 * the connector and the admin command through an OS file lock. Every approval change is a new line holding the
 * approval's full state (the last line per id wins) and is fsync'd before the call returns, so a kill -9 at any
 * point leaves either the old or the new state. A line torn by a crash mid-write is dropped by the next writer.
 */
public final class FileStore implements ConnectorStore {

    static final String APPROVALS = "approvals.jsonl";
    static final String CHAIN = "audit-chain.jsonl";
    static final String HEAD = "audit-chain.head";
    private static final int HEAD_SIZE = 128;

    private final Path dir;
    private final ObjectMapper json;
    private final ReentrantLock inProcess = new ReentrantLock();
    private final FileChannel lockChannel;
    private final FileChannel approvals;
    private final FileChannel chain;
    private final FileChannel head;
    /** The chain's digest, used under the lock by one writer at a time. */
    private final MessageDigest sha = ChainRecord.sha256();
    /** The chain lines of a batch, written under the lock by one writer at a time. */
    private final ChainLines chainLines = new ChainLines();

    // The chain's tail as this process last saw it; re-read when another process appended since.
    private long knownChainSize = -1;
    private long lastSeq;
    private String lastHash = ChainRecord.GENESIS;

    public FileStore(Path dir, ObjectMapper json) {
        this.dir = dir.toAbsolutePath().normalize();
        this.json = json.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT);
        try {
            Files.createDirectories(this.dir);
            this.lockChannel = open(this.dir.resolve("store.lock"));
            this.approvals = open(this.dir.resolve(APPROVALS));
            this.chain = open(this.dir.resolve(CHAIN));
            this.head = open(this.dir.resolve(HEAD));
        } catch (IOException e) {
            throw new StoreException("The file store in " + this.dir + " cannot be opened (" + e.getClass().getSimpleName()
                    + "). Set connector.data-dir to a writable directory.", e);
        }
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @Override
    public String describe() {
        return "file store in " + dir;
    }

    @Override
    public void create(Approval approval) {
        locked(() -> {
            if (readApprovals().containsKey(approval.id())) {
                throw new StoreException("An approval with id " + approval.id() + " already exists.");
            }
            appendLine(approvals, json.writeValueAsString(approval), true);
            return null;
        });
    }

    @Override
    public Optional<Approval> find(String id) {
        return locked(() -> Optional.ofNullable(readApprovals().get(id)));
    }

    @Override
    public List<Approval> list() {
        return locked(() -> readApprovals().values().stream().sorted(Comparator.comparing(Approval::createdAt))
                .toList());
    }

    @Override
    public boolean replace(ApprovalStatus expected, Approval updated) {
        return locked(() -> {
            Approval current = readApprovals().get(updated.id());
            if (current == null || current.status() != expected) {
                return false;
            }
            appendLine(approvals, json.writeValueAsString(updated), true);
            return true;
        });
    }

    @Override
    public void append(List<String> eventsJson, boolean durable) {
        List<byte[]> encoded = new ArrayList<>(eventsJson.size());
        for (String event : eventsJson) {
            encoded.add(event.getBytes(StandardCharsets.UTF_8));
        }
        appendEncoded(encoded, durable);
    }

    @Override
    public void appendEncoded(List<byte[]> eventsUtf8, boolean durable) {
        locked(() -> {
            catchUpChain();
            long seq = lastSeq;
            String hash = lastHash;
            // The batch's lines in one buffer, kept from batch to batch; written as UTF-8, the event escaped from its
            // bytes, which are also what its hash covers.
            ChainLines lines = chainLines;
            lines.reset();
            try (JsonGenerator out = json.getFactory().createGenerator(lines, JsonEncoding.UTF8)) {
                out.setRootValueSeparator(null);
                for (byte[] event : eventsUtf8) {
                    String prev = hash;
                    hash = ChainRecord.hash(++seq, prev, event, sha);
                    ChainRecord.writeTo(out, seq, prev, hash, event);
                    out.writeRaw('\n');
                }
            }
            // One write for the batch; the in-memory tail moves only once it is written.
            knownChainSize = appendLines(chain, lines.bytes(), durable, knownChainSize);
            lines.release();
            lastSeq = seq;
            lastHash = hash;
            if (durable) {
                // Only after the records are on disk: a head never names a record a power loss could take.
                // Between durable batches it trails the chain, which verification allows.
                writeHead();
            }
            return null;
        });
    }

    /** The chain lines of one batch: a buffer reused by the one writer that holds the lock. */
    private static final class ChainLines extends ByteArrayOutputStream {

        /** What the buffer may keep between batches; a larger batch's buffer is let go after it is written. */
        private static final int KEPT = 256 * 1024;

        ChainLines() {
            super(16 * 1024);
        }

        ByteBuffer bytes() {
            return ByteBuffer.wrap(buf, 0, count);
        }

        void release() {
            if (buf.length > KEPT) {
                buf = new byte[16 * 1024];
            }
            count = 0;
        }
    }

    @Override
    public void checkpoint() {
        locked(() -> {
            catchUpChain();
            chain.force(false);
            writeHead();
            return null;
        });
    }

    @Override
    public ChainVerification verify() {
        return locked(() -> {
            dropTornTail(chain);
            String[] stored = readHead();
            // Streamed: a chain of millions of records is checked without holding it in memory.
            try (BufferedReader lines = Files.newBufferedReader(dir.resolve(CHAIN), StandardCharsets.UTF_8)) {
                ChainVerification.Walker walker = new ChainVerification.Walker();
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    ChainRecord record;
                    try {
                        record = json.readValue(line, ChainRecord.class);
                    } catch (IOException e) {
                        return walker.unreadable();
                    }
                    if (!walker.accept(record, Long.parseLong(stored[0]))) {
                        return walker.result(Long.parseLong(stored[0]), stored[1]);
                    }
                }
                return walker.result(Long.parseLong(stored[0]), stored[1]);
            }
        });
    }

    private void catchUpChain() throws IOException {
        // Still the size this process left it at: no other writer since, and the last line is complete.
        if (knownChainSize >= 0 && chain.size() == knownChainSize) {
            return;
        }
        dropTornTail(chain);
        long size = chain.size();
        if (size == knownChainSize) {
            return;
        }
        String last = lastLine(chain);
        if (last == null) {
            lastSeq = 0;
            lastHash = ChainRecord.GENESIS;
        } else {
            ChainRecord record = json.readValue(last, ChainRecord.class);
            lastSeq = record.seq();
            lastHash = record.hash();
        }
        knownChainSize = size;
    }

    /** Cuts a final line that lacks its newline: a writer died in the middle of it. */
    private static void dropTornTail(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0 || byteAt(channel, size - 1) == '\n') {
            return;
        }
        long end = size - 1;
        while (end > 0 && byteAt(channel, end - 1) != '\n') {
            end--;
        }
        channel.truncate(end);
    }

    /** The last line of a file that ends with a newline, read from the end, or null for an empty file. */
    private static String lastLine(FileChannel channel) throws IOException {
        long end = channel.size() - 1;
        if (end < 0) {
            return null;
        }
        long start = end;
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        while (start > 0) {
            long from = Math.max(0, start - chunk.capacity());
            chunk.clear().limit((int) (start - from));
            channel.read(chunk, from);
            int newline = -1;
            for (int i = chunk.position() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    newline = i;
                    break;
                }
            }
            if (newline >= 0) {
                start = from + newline + 1;
                break;
            }
            start = from;
        }
        ByteBuffer line = ByteBuffer.allocate((int) (end - start));
        while (line.hasRemaining() && channel.read(line, start + line.position()) >= 0) {
            // read the whole line
        }
        return new String(line.array(), StandardCharsets.UTF_8);
    }

    private static byte byteAt(FileChannel channel, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, position);
        return one.get(0);
    }

    private void writeHead() throws IOException {
        String text = lastSeq + " " + lastHash;
        byte[] bytes = (text + " ".repeat(HEAD_SIZE - 1 - text.length()) + "\n").getBytes(StandardCharsets.US_ASCII);
        head.write(ByteBuffer.wrap(bytes), 0);
        head.force(false);
    }

    private String[] readHead() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(HEAD_SIZE);
        head.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        if (text.isEmpty()) {
            // No head yet. With records already in the chain, the head was removed: verification says so.
            return chain.size() == 0 ? new String[] {"0", ChainRecord.GENESIS} : new String[] {"-1", "missing"};
        }
        String[] parts = text.split(" ");
        return parts.length == 2 && parts[0].matches("\\d{1,18}") ? parts : new String[] {"-1", "unreadable head"};
    }

    private Map<String, Approval> readApprovals() throws IOException {
        Map<String, Approval> latest = new LinkedHashMap<>();
        for (String line : completeLines(approvals)) {
            Approval approval = json.readValue(line, Approval.class);
            latest.put(approval.id(), approval);
        }
        return latest;
    }

    /** The file's complete lines; a final line without its newline (a crash mid-write) is cut off the file. */
    private static List<String> completeLines(FileChannel channel) throws IOException {
        dropTornTail(channel);
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("journal too large");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // read until full
        }
        byte[] bytes = buffer.array();
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                if (i > start) {
                    lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** Appends one line at the end and returns the new size. */
    private static long appendLine(FileChannel channel, String line, boolean durable) throws IOException {
        return appendLines(channel, ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)), durable,
                channel.size());
    }

    /**
     * Appends text made of whole lines (each ending with a newline) at {@code end}, the file's size as just read
     * under the lock, and returns the new size.
     */
    private static long appendLines(FileChannel channel, ByteBuffer bytes, boolean durable, long end)
            throws IOException {
        long position = end;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
        if (durable) {
            channel.force(false);
        }
        return position;
    }

    private interface Locked<T> {
        T run() throws IOException;
    }

    private <T> T locked(Locked<T> action) {
        inProcess.lock();
        try (FileLock ignored = lockChannel.lock()) {
            return action.run();
        } catch (IOException e) {
            throw new StoreException("The file store in " + dir + " could not be read or written ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ").", e);
        } finally {
            inProcess.unlock();
        }
    }

    /** Closes the files; the store cannot be used afterwards. */
    public void close() {
        for (FileChannel channel : List.of(approvals, chain, head, lockChannel)) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing at shutdown; nothing left to do
            }
        }
    }
}
