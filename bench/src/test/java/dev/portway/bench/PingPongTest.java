package dev.portway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Round trips against real sockets, one path and several in turns. */
class PingPongTest {

    @Test
    void shouldTimeEveryRoundTripOfEachPathWhenInterleaved() throws Exception {
        // Given two echo servers standing for two paths
        try (Echo first = new Echo(Integer.MAX_VALUE); Echo second = new Echo(Integer.MAX_VALUE)) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("first", first.port());
            ports.put("second", second.port());

            // When 1,000 round trips are made on each, in turns of 300 (the last turn is short)
            Map<String, PingPong.Turns> results = PingPong.interleaved(ports, 1_000, 300, 30_000);

            // Then each path made exactly its share, in order, each timed, on one connection of its own,
            // and each of its four turns began with one round trip timed apart
            assertEquals(List.of("first", "second"), List.copyOf(results.keySet()));
            for (PingPong.Turns t : results.values()) {
                assertEquals(1_000, t.steady().roundTrips());
                assertEquals(4, t.afterIdle().roundTrips());
                assertEquals(0, t.steady().errors() + t.afterIdle().errors());
                PingPong.Result r = t.steady();
                assertTrue(r.p50Nanos() > 0 && r.p99Nanos() >= r.p50Nanos() && r.maxNanos() >= r.p999Nanos());
                assertTrue(t.afterIdle().p50Nanos() > 0);
            }
            assertEquals(1, first.connections.get());
            assertEquals(1, second.connections.get());
            // 1,005 messages each of 64 bytes: one untimed first, 1,000 steady, one opening each of the 4 turns
            assertEquals(1_005 * PingPong.MESSAGE_BYTES, first.bytes.get());
            assertEquals(1_005 * PingPong.MESSAGE_BYTES, second.bytes.get());
        }
    }

    @Test
    void shouldNameThePathThatStoppedEchoing() throws Exception {
        // Given one path that closes its connection after 100 messages
        try (Echo good = new Echo(Integer.MAX_VALUE); Echo bad = new Echo(100 * PingPong.MESSAGE_BYTES)) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("good", good.port());
            ports.put("bad", bad.port());

            // When interleaving 1,000 round trips each, Then the run fails naming the broken path's port
            IOException e = assertThrows(IOException.class, () -> PingPong.interleaved(ports, 1_000, 50, 30_000));
            assertTrue(e.getMessage().contains("port " + bad.port()), e.getMessage());
        }
    }

    @Test
    void shouldCountAnEchoWithAnotherSequenceNumberAsAnError() throws Exception {
        // Given a server that answers every message with the bytes of the one before it
        try (Echo lagging = new Echo(Integer.MAX_VALUE, true)) {
            // When 50 round trips are made, Then every one counts as wrong (the first timed one gets the untimed one's echo)
            PingPong.Result r = PingPong.run(lagging.port(), 50, 30_000);
            assertEquals(50, r.roundTrips());
            assertEquals(50, r.errors());
        }
    }

    /** Echoes each connection's bytes back, thread per connection; closes a connection after {@code limit} bytes. */
    private static final class Echo implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger bytes = new AtomicInteger();
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        Echo(int limit) throws IOException {
            this(limit, false);
        }

        /** @param lagging answer each 64-byte message with the previous one (the first with zeros) */
        Echo(int limit, boolean lagging) throws IOException {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = server.accept();
                        connections.incrementAndGet();
                        new Thread(() -> serve(s, limit, lagging)).start();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            t.setDaemon(true);
            t.start();
        }

        private void serve(Socket s, int limit, boolean lagging) {
            byte[] message = new byte[PingPong.MESSAGE_BYTES];
            byte[] previous = new byte[PingPong.MESSAGE_BYTES];
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                int served = 0;
                while (served < limit && in.readNBytes(message, 0, message.length) == message.length) {
                    served += message.length;
                    bytes.addAndGet(message.length);
                    out.write(lagging ? previous : message);
                    out.flush();
                    System.arraycopy(message, 0, previous, 0, message.length);
                }
            } catch (IOException ignored) {
                // the client went away
            }
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
