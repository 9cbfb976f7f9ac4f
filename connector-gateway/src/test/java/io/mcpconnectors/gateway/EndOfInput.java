package io.mcpconnectors.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The stdin of a test upstream that ends its process when its input ends, as a connector does: the gateway that
 * spawned it is gone (or closed it), so no test process is left running after the tests.
 */
final class EndOfInput extends FilterInputStream {

    private EndOfInput(InputStream in) {
        super(in);
    }

    static InputStream exits(InputStream in) {
        return new EndOfInput(in);
    }

    @Override
    public int read() throws IOException {
        return ended(super.read());
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return ended(super.read(buffer, offset, length));
    }

    private static int ended(int read) {
        if (read < 0) {
            System.exit(0);
        }
        return read;
    }
}
