package io.mcpconnectors.common.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The audit records written to a test's audit file (connector.audit.file) since a point in the test: the file is
 * shared by every test of a run and kept between runs, so a test reads only what it caused.
 */
public final class AuditTail {

    private final Path file;
    private final long start;

    private AuditTail(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    /** Marks the end of the file as it is now. */
    public static AuditTail from(Path file) {
        try {
            return new AuditTail(file, Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records written since the mark, one JSON line each. */
    public String text() {
        try {
            byte[] all = Files.readAllBytes(file);
            return new String(all, (int) start, all.length - (int) start, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
