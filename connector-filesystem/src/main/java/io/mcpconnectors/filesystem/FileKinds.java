package io.mcpconnectors.filesystem;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;

import io.mcpconnectors.common.spi.Media;
import io.mcpconnectors.common.spi.ToolCallException;

/** Names for file types and the media types of image and audio files. */
public final class FileKinds {

    private static final Map<String, String> IMAGE_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg",
            "image/jpeg", "gif", "image/gif", "webp", "image/webp", "bmp", "image/bmp", "svg", "image/svg+xml",
            "ico", "image/x-icon", "tif", "image/tiff", "tiff", "image/tiff");
    private static final Map<String, String> AUDIO_TYPES = Map.of("mp3", "audio/mpeg", "wav", "audio/wav", "ogg",
            "audio/ogg", "oga", "audio/ogg", "flac", "audio/flac", "m4a", "audio/mp4", "aac", "audio/aac", "opus",
            "audio/opus", "weba", "audio/webm");

    private FileKinds() {
    }

    public static String typeOf(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "symlink";
        } else if (attributes.isDirectory()) {
            return "directory";
        } else if (attributes.isRegularFile()) {
            return "file";
        }
        return "other";
    }

    public static BasicFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** The media kind and type of a file by its extension, or null when it is neither image nor audio. */
    public static Map.Entry<Media.Kind, String> mediaType(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (IMAGE_TYPES.containsKey(extension)) {
            return Map.entry(Media.Kind.IMAGE, IMAGE_TYPES.get(extension));
        }
        if (AUDIO_TYPES.containsKey(extension)) {
            return Map.entry(Media.Kind.AUDIO, AUDIO_TYPES.get(extension));
        }
        return null;
    }

    /** Whether the file starts like binary data rather than text. */
    public static boolean startsLikeBinary(Path file) throws IOException {
        byte[] start = new byte[8192];
        int read;
        try (var in = Files.newInputStream(file)) {
            read = in.readNBytes(start, 0, start.length);
        }
        return looksBinary(start, read);
    }

    /** The named character set, or a refusal that says what names work. */
    public static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new ToolCallException("Unknown encoding '" + name + "'; use a charset"
                    + " name such as UTF-8, ISO-8859-1 or UTF-16.");
        }
    }

    /** Whether the bytes look like binary data rather than text (a NUL in the first 8 KiB). */
    public static boolean looksBinary(byte[] bytes, int length) {
        for (int i = 0; i < Math.min(length, 8192); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
