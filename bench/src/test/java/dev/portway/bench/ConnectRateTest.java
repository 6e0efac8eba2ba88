package dev.portway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The connection-rate client against real sockets: what it counts as done and what as an error. */
class ConnectRateTest {

    @Test
    void shouldCountEveryConnectionThatEchoesItsByte() throws Exception {
        // Given a server that echoes one byte per connection
        try (Server server = new Server(true)) {
            // When 3 clients make 300 connections
            ConnectRate.Result result = ConnectRate.run(server.port(), 300, 3, 30_000);

            // Then all completed, with a latency each
            assertEquals(300, result.completed());
            assertEquals(0, result.errors(), () -> "first error: " + result.firstError());
            assertTrue(result.p50Nanos() > 0 && result.p99Nanos() >= result.p50Nanos());
        }
    }

    @Test
    void shouldCountAConnectionThatNeverAnswersAsAnErrorOnceItsTimeoutPassed() throws Exception {
        // Given a server that accepts but never writes back
        try (Server server = new Server(false)) {
            // When 2 clients make 2 connections with a 300 ms timeout
            long start = System.nanoTime();
            ConnectRate.Result result = ConnectRate.run(server.port(), 2, 2, 30_000, TimeUnit.MILLISECONDS.toNanos(300));

            // Then both are errors, and the run ended soon after the timeout instead of waiting for ever
            assertEquals(0, result.completed());
            assertEquals(2, result.errors());
            assertNotNull(result.firstError());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "the sweeper did not end the connections");
        }
    }

    @Test
    void shouldCountAWrongByteAsAnError() throws Exception {
        try (Server server = new Server(true, 'y')) {
            ConnectRate.Result result = ConnectRate.run(server.port(), 5, 1, 30_000);

            assertEquals(0, result.completed());
            assertEquals(5, result.errors());
            assertTrue(result.firstError().contains("wrong byte"), result.firstError());
        }
    }

    /** A blocking test server: a thread per connection, which reads a byte and writes one back (or never does). */
    private static final class Server implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new ArrayList<>();

        Server(boolean answers) throws IOException {
            this(answers, -1);
        }

        Server(boolean answers, int reply) throws IOException {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = socket.accept();
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                        if (answers) {
                            new Thread(() -> echoOnce(s, reply)).start();
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static void echoOnce(Socket s, int reply) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                int b = in.read();
                out.write(reply < 0 ? b : reply);
                out.flush();
                in.read(); // until the client closes
            } catch (IOException ignored) {
                // the client went away
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }
}
