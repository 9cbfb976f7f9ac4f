package io.mcpconnectors.common.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * One link of the audit chain: its hash covers its position, the previous link's hash and the exact event text,
 * so editing an event, deleting a record or re-ordering records breaks every later link.
 */
public record ChainRecord(long seq, String prev, String hash, String event) {

    /** The {@code prev} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    public static ChainRecord next(long seq, String prev, String event) {
        return next(seq, prev, event, sha256());
    }

    /** The same with a digest of the caller's, reused from one record to the next by a single writer. */
    public static ChainRecord next(long seq, String prev, String event, MessageDigest sha) {
        return new ChainRecord(seq, prev, hash(seq, prev, event, sha), event);
    }

    static String hash(long seq, String prev, String event) {
        return hash(seq, prev, event, sha256());
    }

    private static String hash(long seq, String prev, String event, MessageDigest sha) {
        return hash(seq, prev, event.getBytes(StandardCharsets.UTF_8), sha);
    }

    /** The hash of a record whose event text is given as its UTF-8 bytes, the bytes the hash covers. */
    static String hash(long seq, String prev, byte[] eventUtf8, MessageDigest sha) {
        sha.reset();
        sha.update((seq + "\n" + prev + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(eventUtf8);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A fresh SHA-256 digest, the one the chain's hashes are made with. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * Writes the record as one JSON object (seq, prev, hash, event, in that order), as the chain stores it: the same
     * text Jackson makes of the record, without looking its properties up for every record.
     */
    public void writeTo(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeNumberField("seq", seq);
        out.writeStringField("prev", prev);
        out.writeStringField("hash", hash);
        out.writeStringField("event", event);
        out.writeEndObject();
    }

    /**
     * Writes a record as {@link #writeTo} does, its event given as UTF-8 bytes, to a generator that writes UTF-8:
     * the event is escaped straight from its bytes (quotes, backslashes and control characters, as from its text),
     * never decoded into characters and encoded again.
     */
    static void writeTo(JsonGenerator out, long seq, String prev, String hash, byte[] eventUtf8) throws IOException {
        out.writeStartObject();
        out.writeNumberField("seq", seq);
        out.writeStringField("prev", prev);
        out.writeStringField("hash", hash);
        out.writeFieldName("event");
        out.writeUTF8String(eventUtf8, 0, eventUtf8.length);
        out.writeEndObject();
    }
}
