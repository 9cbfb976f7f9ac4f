package io.mcpconnectors.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcpconnectors.common.spi.ToolCallException;

/**
 * Replaces a file's content all at once: the bytes go to a temporary file in the same directory, are flushed to
 * disk, and the temporary file is renamed over the target. A reader sees the old content or the new, never a
 * half-written file; a failure leaves the target untouched.
 */
@ApplicationScoped
public class AtomicFileWriter {

    public void write(Path target, byte[] content) throws IOException {
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ToolCallException("The parent directory of '" + target + "' does not exist; create it first with"
                    + " create_directory.");
        }
        if (Files.isSymbolicLink(target)) {
            throw new ToolCallException("'" + target + "' is a symbolic link; links are not written through.");
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolCallException("'" + target + "' is a directory.");
        }
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
