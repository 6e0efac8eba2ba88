package dev.portway.relay;

import static dev.portway.relay.Sockets.assertEof;
import static dev.portway.relay.Sockets.assertReset;
import static dev.portway.relay.Sockets.await;
import static dev.portway.relay.Sockets.pattern;
import static dev.portway.relay.Sockets.readPattern;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How a splice ends: in order when a side closes, with resets when a side breaks. */
class SpliceEndingTest {

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldCloseBothWhenOneSideCloses(Wiring wiring) throws Exception {
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), new TestProxy.Options())) {
            Socket client = Sockets.connect(proxy.address());
            Socket server = upstream.nextConnection();
            TestProxy.Connection connection = proxy.nextConnection();
            await(connection.spliced, "the splice");

            // Given a client that sends a last request and closes
            client.getOutputStream().write(pattern(0, 1000));
            client.close();

            // Then the upstream reads the request, then a clean end
            readPattern(server.getInputStream(), 1000);
            assertEof(server);

            // When the upstream closes too
            server.close();

            // Then both proxy channels close, in order
            assertNull(await(connection.closed, "both proxy channels to close"));
        }
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldFlushThenCloseWhenProxyClosesOneChannel(Wiring wiring) throws Exception {
        int answer = 200_000;
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), new TestProxy.Options());
                Socket client = Sockets.connect(proxy.address())) {
            Socket server = upstream.nextConnection();
            TestProxy.Connection connection = proxy.nextConnection();
            Splice splice = await(connection.spliced, "the splice");

            // Given bytes the proxy read from the upstream while the client was not reading
            server.getOutputStream().write(pattern(0, answer));
            waitUntil(() -> splice.bytesBToA() == answer, "the proxy to read the upstream's bytes");

            // When the proxy closes its upstream channel (e.g. the bridge ends the connection)
            connection.upstreamChannel().close();

            // Then the client still gets every byte, then a clean end, and the upstream a clean end
            readPattern(client.getInputStream(), answer);
            assertEof(client);
            assertEof(server);
            assertNull(await(connection.closed, "both proxy channels to close"));
        }
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldResetPeerWhenOneSideResets(Wiring wiring) throws Exception {
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), new TestProxy.Options())) {
            Socket client = Sockets.connect(proxy.address());
            Socket server = upstream.nextConnection();
            TestProxy.Connection connection = proxy.nextConnection();
            // Given a spliced connection that carried bytes
            client.getOutputStream().write(pattern(0, 10));
            readPattern(server.getInputStream(), 10);

            // When the client resets it
            Sockets.reset(client);

            // Then the upstream sees a reset, not a clean end
            assertReset(server);
            assertNotNull(await(connection.closed, "both proxy channels to close"));
        }
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldResetClientWhenUpstreamResets(Wiring wiring) throws Exception {
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), new TestProxy.Options());
                Socket client = Sockets.connect(proxy.address())) {
            Socket server = upstream.nextConnection();
            TestProxy.Connection connection = proxy.nextConnection();
            // Given a spliced connection that carried bytes
            server.getOutputStream().write(pattern(0, 10));
            readPattern(client.getInputStream(), 10);

            // When the upstream resets it
            Sockets.reset(server);

            // Then the client sees a reset, not a clean end
            assertReset(client);
            assertNotNull(await(connection.closed, "both proxy channels to close"));
        }
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldResetBothSidesWhenSpliceIsAborted(Wiring wiring) throws Exception {
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), new TestProxy.Options());
                Socket client = Sockets.connect(proxy.address())) {
            Socket server = upstream.nextConnection();
            TestProxy.Connection connection = proxy.nextConnection();
            Splice splice = await(connection.spliced, "the splice");

            // When the splice is aborted (e.g. the endpoint went offline)
            IOException why = new IOException("endpoint went offline");
            splice.abort(why);

            // Then both ends see a reset, and the observer learns why
            assertReset(client);
            assertReset(server);
            assertSame(why, await(connection.closed, "both proxy channels to close"));
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Sockets.WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
