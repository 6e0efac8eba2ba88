package dev.portway.relay;

import static dev.portway.relay.Sockets.assertEof;
import static dev.portway.relay.Sockets.await;
import static dev.portway.relay.Sockets.inBackground;
import static dev.portway.relay.Sockets.pattern;
import static dev.portway.relay.Sockets.readPattern;
import static dev.portway.relay.Sockets.writePattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bytes and FINs across one spliced hop, once the splice is up. */
class SpliceStreamTest {

    private static final long EIGHT_MIB = 8L << 20;

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldCarryEveryByteInOrderBothWays(Wiring wiring) throws Exception {
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), new TestProxy.Options());
                Socket client = Sockets.connect(proxy.address())) {
            // Given a client spliced to an upstream that echoes
            CompletableFuture<Void> echo = Sockets.echo(upstream.nextConnection());
            TestProxy.Connection connection = proxy.nextConnection();

            // When the client streams 8 MiB, then half-closes, while it reads the echo
            CompletableFuture<Void> writer = inBackground("client-writer", () -> {
                writePattern(client.getOutputStream(), EIGHT_MIB);
                client.shutdownOutput();
            });

            // Then every byte comes back in order, followed by a clean end
            readPattern(client.getInputStream(), EIGHT_MIB);
            assertEof(client);
            await(writer, "the client's writes");
            await(echo, "the echo");
            // And the splice counted every byte and ended in order
            assertNull(await(connection.closed, "both proxy channels to close"));
            Splice splice = await(connection.spliced, "the splice");
            assertEquals(EIGHT_MIB, splice.bytesAToB());
            assertEquals(EIGHT_MIB, splice.bytesBToA());
        }
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldPassHalfCloseAndKeepReverseDirectionFlowing(Wiring wiring) throws Exception {
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), new TestProxy.Options());
                Socket client = Sockets.connect(proxy.address())) {
            Socket server = upstream.nextConnection();
            TestProxy.Connection connection = proxy.nextConnection();

            // Given a client that sends a request and half-closes (it is done sending)
            client.getOutputStream().write(pattern(0, 1000));
            client.shutdownOutput();

            // Then the upstream reads the whole request, followed by the client's FIN
            readPattern(server.getInputStream(), 1000);
            assertEof(server);

            // When the upstream answers only after it saw that FIN
            CompletableFuture<Void> answer = inBackground("upstream-writer", () -> {
                writePattern(server.getOutputStream(), EIGHT_MIB);
                server.shutdownOutput();
            });

            // Then the whole answer still reaches the client, followed by the upstream's FIN
            readPattern(client.getInputStream(), EIGHT_MIB);
            assertEof(client);
            await(answer, "the upstream's answer");
            // And with both FINs passed, both proxy channels close in order
            assertNull(await(connection.closed, "both proxy channels to close"));
        }
    }
}
