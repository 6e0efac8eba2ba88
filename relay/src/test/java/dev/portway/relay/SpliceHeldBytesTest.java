package dev.portway.relay;

import static dev.portway.relay.Sockets.assertEof;
import static dev.portway.relay.Sockets.assertReset;
import static dev.portway.relay.Sockets.await;
import static dev.portway.relay.Sockets.inBackground;
import static dev.portway.relay.Sockets.pattern;
import static dev.portway.relay.Sockets.readPattern;
import static dev.portway.relay.Sockets.writePattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a connection delivered before it was spliced reaches the other side first, in order. */
class SpliceHeldBytesTest {

    private static final int ONE_MIB = 1 << 20;

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldDeliverBytesHeldBehindPreambleFirst(Wiring wiring) throws Exception {
        TestProxy.Options options = new TestProxy.Options();
        options.expectPreamble = true;
        options.dialGate = new CompletableFuture<>();
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), options);
                Socket client = Sockets.connect(proxy.address())) {
            // Given a client whose first bytes ride in the same segment as its preamble
            client.getOutputStream().write(Preambles.concat(Preambles.bytes(Preambles.agentRefusal()), pattern(0, 100)));
            TestProxy.Connection connection = proxy.nextConnection();
            assertEquals(Preambles.agentRefusal(), await(connection.preamble, "the preamble"));
            // And more bytes sent while the proxy is still dialling
            CompletableFuture<Void> rest = inBackground("client-writer", () -> {
                OutputStream out = client.getOutputStream();
                for (int position = 100; position < ONE_MIB; position += 4096) {
                    out.write(pattern(position, Math.min(4096, ONE_MIB - position)));
                }
            });

            // When the proxy dials the upstream and splices
            options.dialGate.complete(null);

            // Then the upstream gets the held bytes first and every later byte after them, in order
            Socket server = upstream.nextConnection();
            readPattern(server.getInputStream(), ONE_MIB);
            await(rest, "the client's writes");
            // And those first bytes really were held behind the preamble
            assertEquals(100, await(connection.held, "the splice").bytes());
        }
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldDeliverFinReceivedBeforeSplice(Wiring wiring) throws Exception {
        TestProxy.Options options = new TestProxy.Options();
        options.expectPreamble = true;
        options.readUntilFinBeforeDial = true;
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), options);
                Socket client = Sockets.connect(proxy.address())) {
            // Given a client that sends its preamble, a request and its FIN before the proxy dials
            client.getOutputStream().write(Preambles.concat(Preambles.bytes(Preambles.agentAccept()), pattern(0, 500)));
            client.shutdownOutput();
            TestProxy.Connection connection = proxy.nextConnection();

            // When the proxy splices (only after it read that FIN)
            Socket server = upstream.nextConnection();

            // Then the upstream reads the request, then the FIN
            readPattern(server.getInputStream(), 500);
            assertEof(server);
            assertTrue(await(connection.held, "the splice").finReceived(), "the FIN should have been held");
            // And the other direction still flows until the upstream is done too
            server.getOutputStream().write(pattern(0, 70_000));
            server.shutdownOutput();
            readPattern(client.getInputStream(), 70_000);
            assertEof(client);
            assertNull(await(connection.closed, "both proxy channels to close"));
        }
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldDeliverUpstreamBytesThatArriveBeforeSplice(Wiring wiring) throws Exception {
        TestProxy.Options options = new TestProxy.Options();
        options.joinGate = new CompletableFuture<>();
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), options);
                Socket client = Sockets.connect(proxy.address())) {
            // Given an upstream that speaks first (a banner) and closes before the proxy splices
            Socket server = upstream.nextConnection();
            server.getOutputStream().write(pattern(0, 300));
            server.shutdownOutput();
            TestProxy.Connection connection = proxy.nextConnection();
            await(connection.upstream, "the upstream connection");
            if (wiring.epoll) {
                // epoll reads a FIN even while reading is off; the bytes read with it must be kept
                await(connection.upstreamFinSeen, "the proxy to read the upstream's FIN");
            }

            // When the proxy splices
            options.joinGate.complete(null);

            // Then the client gets the banner, then the FIN
            readPattern(client.getInputStream(), 300);
            assertEof(client);
            client.shutdownOutput();
            assertEof(server);
            assertNull(await(connection.closed, "both proxy channels to close"));
        }
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldTakeOverHoldersLeftInPipelinesWhenJoinedFromAnyThread(Wiring wiring) throws Exception {
        TestProxy.Options options = new TestProxy.Options();
        options.expectPreamble = true;
        options.readUntilFinBeforeDial = true;
        options.releaseBeforeJoin = false;
        options.joinGate = new CompletableFuture<>();
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), options);
                Socket client = Sockets.connect(proxy.address())) {
            // Given a client whose request and FIN wait in the proxy's holder
            client.getOutputStream().write(Preambles.concat(Preambles.bytes(Preambles.agentRefusal()), pattern(0, 500)));
            client.shutdownOutput();
            // And an upstream whose greeting waits there too
            Socket server = upstream.nextConnection();
            server.getOutputStream().write(pattern(0, 300));
            await(proxy.nextConnection().upstream, "the upstream connection");

            // When a thread of no event loop splices, leaving both holders for join to take over
            options.joinGate.complete(null);

            // Then each side gets what the other's holder kept, then the rest, then the FINs
            readPattern(server.getInputStream(), 500);
            assertEof(server);
            readPattern(client.getInputStream(), 300);
            server.getOutputStream().write(pattern(300, 1000));
            server.shutdownOutput();
            readPattern(client.getInputStream(), 1300, 300);
            assertEof(client);
        }
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldHoldAtMostOneReadBeforeSplice(Wiring wiring) throws Exception {
        TestProxy.Options options = new TestProxy.Options();
        options.dialGate = new CompletableFuture<>();
        long total = 32L << 20;
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), options);
                Socket client = Sockets.connect(proxy.address())) {
            // Given a client (no preamble) that writes 32 MiB while the proxy is still dialling
            TestProxy.Connection connection = proxy.nextConnection();
            CompletableFuture<Void> writer = inBackground("client-writer", () -> writePattern(client.getOutputStream(), total));
            try {
                // A holder that kept reading would let the writer finish; a bounded one never does.
                writer.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException expected) {
                // the writer is blocked: nobody reads
            }

            // When the proxy dials and splices
            options.dialGate.complete(null);

            // Then the holding handler held at most one socket read
            int heldBytes = await(connection.held, "the splice").bytes();
            assertTrue(heldBytes <= 64 * 1024, "held " + heldBytes + " bytes before the splice");
            // And every byte still arrives in order
            readPattern(upstream.nextConnection().getInputStream(), total);
            await(writer, "the client's writes");
        }
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldResetUpstreamWhenClientResetBeforeSplice(Wiring wiring) throws Exception {
        TestProxy.Options options = new TestProxy.Options();
        options.expectPreamble = true;
        options.dialGate = new CompletableFuture<>();
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), options)) {
            // Given a client that sent its preamble and some bytes, then reset, all before the splice
            Socket client = Sockets.connect(proxy.address());
            client.getOutputStream().write(Preambles.concat(Preambles.bytes(Preambles.agentRefusal()), pattern(0, 100)));
            TestProxy.Connection connection = proxy.nextConnection();
            await(connection.preamble, "the preamble");
            Sockets.reset(client);
            if (wiring.epoll) {
                // epoll hears of the reset even with reading off: the proxy closes the dead connection
                // at once. NIO hears of it only once the splice reads again.
                await(clientClosed(connection), "the proxy to close the reset client connection");
            }

            // When the proxy dials and splices anyway
            options.dialGate.complete(null);

            // Then the upstream sees a reset, not the bytes followed by a clean end
            assertReset(upstream.nextConnection());
            assertNotNull(await(connection.closed, "both proxy channels to close"));
        }
    }

    private static CompletableFuture<Void> clientClosed(TestProxy.Connection connection) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        connection.client.closeFuture().addListener(f -> closed.complete(null));
        return closed;
    }
}
