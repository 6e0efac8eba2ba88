package dev.portway.systemtest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain echo upstream on 127.0.0.1: writes back every byte it reads; when the client's FIN
 * arrives it finishes writing, sends its own FIN and closes. {@link #greeting(int)} makes one that
 * first says who it is, so that a client can tell which of several upstreams answered.
 */
public final class EchoServer implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "echo");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger accepted = new AtomicInteger();
    /** The identity byte written first on every connection; -1 for none. */
    private final int greeting;

    public EchoServer() {
        this(-1);
    }

    /** An echo server that writes {@code identity} (0-255) as soon as it accepts, then echoes. */
    public static EchoServer greeting(int identity) {
        if (identity < 0 || identity > 255) {
            throw new IllegalArgumentException("identity must be one byte (0-255), got " + identity);
        }
        return new EchoServer(identity);
    }

    private EchoServer(int greeting) {
        this.greeting = greeting;
        try {
            server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.submit(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                threads.submit(() -> echo(socket, greeting));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void echo(Socket socket, int greeting) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (greeting >= 0) {
                out.write(greeting);
                out.flush();
            }
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
            socket.shutdownOutput();
        } catch (IOException ignored) {
            // The client went away; nothing to echo to.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        threads.shutdownNow();
    }
}
