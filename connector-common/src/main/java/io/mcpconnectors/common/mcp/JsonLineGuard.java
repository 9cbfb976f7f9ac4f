package io.mcpconnectors.common.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;


/**
 * Stands between stdin and the MCP stdio reader and lets only well-formed JSON-RPC messages through (see
 * {@link RequestScreen}). Any other line is answered with its JSON-RPC error (-32700 when it does not parse) and
 * dropped; blank lines are skipped. A client's error answer to a request of the server's goes on as
 * {@link ClientErrorAnswers} rewrites it. Without it a single malformed line would end the session, since the reader
 * stops at the first one, and some shapes would never be answered.
 */
final class JsonLineGuard extends InputStream {

    private static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    private static final RequestScreen.Answer TOO_LONG = new RequestScreen.Answer(413, "{\"jsonrpc\":\"2.0\",\"id\""
            + ":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: the line is longer than 16 MiB.\"}}");

    private final RequestScreen screen;
    private final ClientErrorAnswers clientErrors;
    private final InputStream in;
    private final PrintStream out;
    private final byte[] chunk = new byte[65536];
    private int chunkPosition;
    private int chunkLength;
    private byte[] line = new byte[0];
    private int position;
    private boolean ended;

    JsonLineGuard(InputStream in, PrintStream out, RequestScreen screen, ClientErrorAnswers clientErrors) {
        this.screen = screen;
        this.clientErrors = clientErrors;
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
            String text = nextMessage();
            if (text == null) {
                return false;
            }
            line = (text + "\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        return true;
    }

    /**
     * The next message that may go on to the MCP layer, as text without its line terminator, or null at the end of
     * input. The stdio session reads messages this way, which spares it decoding the bytes of a line a second time;
     * it does not mix this with reading bytes.
     */
    String nextMessage() throws IOException {
        while (!ended) {
            byte[] next = readLine();
            if (next == null) {
                ended = true;
                return null;
            }
            String text = new String(next, StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) {
                continue;
            }
            RequestScreen.Answer answer = next.length > MAX_LINE_BYTES ? TOO_LONG : screen.screen(text);
            if (answer != null) {
                out.println(answer.body());
                out.flush();
                continue;
            }
            String rewritten = clientErrors.rewrite(text);
            return rewritten != null ? rewritten : text;
        }
        return null;
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
            return Arrays.copyOfRange(chunk, chunkPosition, end);
        }
        partial.write(chunk, chunkPosition, end - chunkPosition);
        return partial.toByteArray();
    }
}
