package io.mcpconnectors.common.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One link of the audit chain: its hash covers its position, the previous link's hash and the exact event text,
 * so editing an event, deleting a record or re-ordering records breaks every later link.
 */
public record ChainRecord(long seq, String prev, String hash, String event) {

    /** The {@code prev} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    public static ChainRecord next(long seq, String prev, String event) {
        return new ChainRecord(seq, prev, hash(seq, prev, event), event);
    }

    static String hash(long seq, String prev, String event) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((seq + "\n" + prev + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(event.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
