package dev.portway.relay;

import static dev.portway.relay.Sockets.assertEof;
import static dev.portway.relay.Sockets.assertReset;
import static dev.portway.relay.Sockets.await;
import static dev.portway.relay.Sockets.echo;
import static dev.portway.relay.Sockets.inBackground;
import static dev.portway.relay.Sockets.readExactly;
import static dev.portway.relay.Sockets.readPattern;
import static dev.portway.relay.Sockets.writePattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.relay.link.StreamResetException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Client connections carried as streams of one agent link behave like the TCP connections they replace:
 * every byte in order both ways, half-close, reset, and back-pressure per stream (a stalled stream holds
 * up neither memory nor the link's other streams).
 */
class AgentLinkTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void shouldCarryEveryByteInOrderBothWaysOnManyStreamsAtOnce() throws Exception {
        try (Upstream upstream = new Upstream(); LinkedProxy proxy = new LinkedProxy(upstream.address())) {
            // Given 20 clients whose upstream connections echo
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Socket client = Sockets.connect(proxy.address());
                echo(upstream.nextConnection());
                // When each writes 2 MiB and half-closes while reading the echo
                clients.add(inBackground("client-" + i, () -> {
                    try (client) {
                        CompletableFuture<Void> writer = inBackground("writer", () -> {
                            writePattern(client.getOutputStream(), 2 * MIB);
                            client.shutdownOutput();
                        });
                        // Then every byte comes back in order, and then the end of the stream
                        readPattern(client.getInputStream(), 2 * MIB);
                        assertEof(client);
                        await(writer, "the writer");
                    }
                }));
            }
            for (CompletableFuture<Void> client : clients) {
                await(client, "a client");
            }
        }
    }

    @Test
    void shouldPassHalfCloseBothWaysAndKeepTheOtherDirectionFlowing() throws Exception {
        try (Upstream upstream = new Upstream(); LinkedProxy proxy = new LinkedProxy(upstream.address());
                Socket client = Sockets.connect(proxy.address()); Socket server = upstream.nextConnection()) {
            // When the client sends a request and half-closes
            client.getOutputStream().write("request".getBytes(StandardCharsets.US_ASCII));
            client.shutdownOutput();
            // Then the upstream reads it and then the end of the stream
            assertArrayEquals("request".getBytes(StandardCharsets.US_ASCII), readExactly(server.getInputStream(), 7));
            assertEof(server);
            // And the upstream can still answer, then end its side too
            server.getOutputStream().write("answer".getBytes(StandardCharsets.US_ASCII));
            server.shutdownOutput();
            assertArrayEquals("answer".getBytes(StandardCharsets.US_ASCII), readExactly(client.getInputStream(), 6));
            assertEof(client);
            LinkedProxy.Connection connection = proxy.nextConnection();
            assertNull(await(connection.closed, "the edge's splice to end"), "an orderly end has no cause");
        }
    }

    @Test
    void shouldResetTheClientWhenTheUpstreamResets() throws Exception {
        try (Upstream upstream = new Upstream(); LinkedProxy proxy = new LinkedProxy(upstream.address());
                Socket client = Sockets.connect(proxy.address())) {
            Socket server = upstream.nextConnection();
            client.getOutputStream().write(1);
            server.getInputStream().read();
            // When the upstream resets its connection
            Sockets.reset(server);
            // Then the client's connection is reset, not ended
            assertReset(client);
            assertTrue(await(proxy.nextConnection().closed, "the edge's splice to end") instanceof StreamResetException);
        }
    }

    @Test
    void shouldResetTheUpstreamWhenTheClientResets() throws Exception {
        try (Upstream upstream = new Upstream(); LinkedProxy proxy = new LinkedProxy(upstream.address())) {
            Socket client = Sockets.connect(proxy.address());
            try (Socket server = upstream.nextConnection()) {
                client.getOutputStream().write(1);
                server.getInputStream().read();
                // When the client resets its connection
                Sockets.reset(client);
                // Then the upstream's connection is reset
                assertReset(server);
            }
        }
    }

    @Test
    void shouldTellTheEdgeWhyWhenTheAgentCannotReachTheUpstream() throws Exception {
        InetSocketAddress nothingListens;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothingListens = (InetSocketAddress) closed.getLocalSocketAddress();
        }
        try (LinkedProxy proxy = new LinkedProxy(nothingListens); Socket client = Sockets.connect(proxy.address())) {
            // When the agent's dial is refused
            // Then the edge hears the agent's reason and closes the client
            assertEquals("upstream refused", await(proxy.nextConnection().refusal, "the agent's answer"));
            assertEquals(-1, client.getInputStream().read());
        }
    }

    @Test
    void shouldStopReadingAStalledStreamWhileTheLinksOtherStreamsFlow() throws Exception {
        try (Upstream upstream = new Upstream(); LinkedProxy proxy = new LinkedProxy(upstream.address());
                Socket stalled = Sockets.connect(proxy.address()); Socket stalledServer = upstream.nextConnection()) {
            // Given an upstream that reads nothing, and a client writing to it as fast as it can
            AtomicLong written = new AtomicLong();
            CompletableFuture<Void> writer = inBackground("stalled-writer", () -> {
                OutputStream out = stalled.getOutputStream();
                byte[] chunk = new byte[64 * 1024];
                while (written.get() < 256 * MIB) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            });
            // When the writes stop advancing (the edge stopped reading the client)
            long last = -1;
            for (int still = 0; still < 20; ) {
                TimeUnit.MILLISECONDS.sleep(50);
                long now = written.get();
                still = now == last ? still + 1 : 0;
                last = now;
            }
            // Then what was taken is bounded by sockets' buffers and a few stream windows, not by the 256 MiB
            assertTrue(written.get() < 32 * MIB, "the link kept taking bytes no one reads: " + written.get());
            // And another stream of the same link still carries bytes both ways
            try (Socket other = Sockets.connect(proxy.address())) {
                echo(upstream.nextConnection());
                other.getOutputStream().write("still flowing".getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals("still flowing".getBytes(StandardCharsets.US_ASCII),
                        readExactly(other.getInputStream(), 13));
            }
            // And once the upstream reads, the stalled client's bytes all arrive
            InputStream in = stalledServer.getInputStream();
            byte[] buf = new byte[64 * 1024];
            long read = 0;
            while (read < written.get()) {
                int n = in.read(buf);
                assertTrue(n > 0, "stream ended early");
                read += n;
            }
            Sockets.reset(stalled);
            writer.exceptionally(e -> null);
        }
    }
}
