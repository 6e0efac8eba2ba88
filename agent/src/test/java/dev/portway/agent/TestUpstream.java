package dev.portway.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An upstream service on a real socket: it optionally greets each connection with a banner (like a
 * server-speaks-first protocol), then echoes every byte back until the peer closes.
 */
final class TestUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final String banner;

    private TestUpstream(String banner) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.banner = banner;
        Thread acceptor = new Thread(this::accept, "test-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static TestUpstream echo() throws IOException {
        return new TestUpstream("");
    }

    static TestUpstream greetingWith(String banner) throws IOException {
        return new TestUpstream(banner);
    }

    /** A port nothing listens on: connecting to it is refused. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread echo = new Thread(() -> serve(socket), "test-upstream-conn");
                echo.setDaemon(true);
                echo.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            out.write(banner.getBytes(StandardCharsets.UTF_8));
            out.flush();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the peer went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
