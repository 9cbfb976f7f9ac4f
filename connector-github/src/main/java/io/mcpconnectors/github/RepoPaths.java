package io.mcpconnectors.github;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.mcpconnectors.common.spi.ToolCallException;

/** Paths inside a repository: checked, encoded for the contents API, and file bytes told apart as text or not. */
public final class RepoPaths {

    private RepoPaths() {
    }

    /** A repository path: relative, no empty, '.' or '..' segments. */
    public static String checked(String path) {
        String trimmed = path.strip().replaceAll("^/+", "").replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            return "";
        }
        for (String segment : trimmed.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")
                    || segment.chars().anyMatch(Character::isISOControl)) {
                throw new ToolCallException("Argument 'path' must be a path inside the repository, such as"
                        + " src/main.c (no '..', empty or control-character segments).");
            }
        }
        return trimmed;
    }

    public static String encode(String path) {
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("/")) {
            parts.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", parts);
    }

    /** The bytes as text when they are valid UTF-8 without NUL characters, else null. */
    public static String utf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
