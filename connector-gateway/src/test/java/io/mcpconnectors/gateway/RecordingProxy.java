package io.mcpconnectors.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A TCP relay on loopback that keeps a copy of every byte the gateway sends its HTTP upstream, so a test can read
 * exactly what reached the upstream: which credential, and that the caller's token was not among it.
 */
final class RecordingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    RecordingProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "recording-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Everything sent towards the upstream so far, as text. */
    String sent() {
        synchronized (sent) {
            return sent.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                relay(client.getInputStream(), upstream.getOutputStream(), true, client, upstream);
                relay(upstream.getInputStream(), client.getOutputStream(), false, client, upstream);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(InputStream from, OutputStream to, boolean record, Socket a, Socket b) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int read;
                while ((read = from.read(buffer)) >= 0) {
                    if (record) {
                        synchronized (sent) {
                            sent.write(buffer, 0, read);
                        }
                    }
                    to.write(buffer, 0, read);
                    to.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                close(a);
                close(b);
            }
        }, "recording-proxy-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
