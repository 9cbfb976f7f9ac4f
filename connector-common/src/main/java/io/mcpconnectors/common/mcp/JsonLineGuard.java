package io.mcpconnectors.common.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

/**
 * Stands between stdin and the MCP stdio reader and lets only lines that parse as JSON through. A line that does
 * not parse is answered with a JSON-RPC parse error (-32700) and dropped; blank lines are skipped. Without it a
 * single malformed line would end the session, since the reader stops at the first one.
 */
final class JsonLineGuard extends InputStream {

    private static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final JsonFactory json = new JsonFactory();
    private final InputStream in;
    private final PrintStream out;
    private final byte[] chunk = new byte[65536];
    private int chunkPosition;
    private int chunkLength;
    private byte[] line = new byte[0];
    private int position;
    private boolean ended;

    JsonLineGuard(InputStream in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return line[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, line.length - position);
        System.arraycopy(line, position, buffer, offset, n);
        position += n;
        return n;
    }

    /** Makes sure unread bytes of a valid line are buffered; false at the end of input. */
    private boolean fill() throws IOException {
        while (position >= line.length) {
            if (ended) {
                return false;
            }
            byte[] next = readLine();
            if (next == null) {
                ended = true;
                return false;
            }
            String text = new String(next, StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) {
                continue;
            }
            if (next.length > MAX_LINE_BYTES || !parses(text)) {
                out.println("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: "
                        + "the line is not a JSON-RPC message; send one JSON object per line\"}}");
                out.flush();
                continue;
            }
            line = (text + "\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        return true;
    }

    /** Whether the text is one complete JSON value; tokens are only scanned, no tree is built. */
    private boolean parses(String text) {
        try (JsonParser parser = json.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The next line without its terminator, or null at the end of input. Reads stdin in chunks. */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream partial = null;
        while (true) {
            for (int i = chunkPosition; i < chunkLength; i++) {
                if (chunk[i] == '\n') {
                    byte[] lineBytes = take(partial, i);
                    chunkPosition = i + 1;
                    return lineBytes;
                }
            }
            if (chunkLength > chunkPosition) {
                if (partial == null) {
                    partial = new ByteArrayOutputStream(chunkLength - chunkPosition + 256);
                }
                if (partial.size() <= MAX_LINE_BYTES) {
                    partial.write(chunk, chunkPosition, chunkLength - chunkPosition);
                }
            }
            chunkPosition = 0;
            chunkLength = in.read(chunk);
            if (chunkLength < 0) {
                chunkLength = 0;
                return partial == null || partial.size() == 0 ? null : partial.toByteArray();
            }
        }
    }

    private byte[] take(ByteArrayOutputStream partial, int end) {
        if (partial == null) {
            return java.util.Arrays.copyOfRange(chunk, chunkPosition, end);
        }
        partial.write(chunk, chunkPosition, end - chunkPosition);
        return partial.toByteArray();
    }
}
