package dev.portway.relay;

import static dev.portway.relay.Sockets.assertClosed;
import static dev.portway.relay.Sockets.await;
import static dev.portway.relay.Sockets.pattern;
import static dev.portway.relay.Sockets.readPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portway.api.v1.DataPreamble;
import dev.portway.api.v1.AgentAccept;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The preamble at the start of every data connection: framing, limits, and strangers. */
class PreambleTest {

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldRoundTripPreamble(Wiring wiring) throws Exception {
        TestProxy.Options options = new TestProxy.Options();
        options.expectPreamble = true;
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), options)) {
            for (DataPreamble sent : List.of(Preambles.agentRefusal(), Preambles.agentAccept())) {
                try (Socket client = Sockets.connect(proxy.address())) {
                    // Given a preamble encoded by Preamble.encode, sent one byte per segment
                    OutputStream out = client.getOutputStream();
                    for (byte b : Preambles.bytes(sent)) {
                        out.write(b);
                        out.flush();
                    }
                    // And stream bytes right behind it
                    out.write(pattern(0, 1000));

                    // Then the proxy decodes the same preamble, and passes on only what follows it
                    assertEquals(sent, await(proxy.nextConnection().preamble, "the preamble"));
                    readPattern(upstream.nextConnection().getInputStream(), 1000);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldRejectOversizedPreamble(Wiring wiring) throws Exception {
        // Given a preamble one byte over the limit
        DataPreamble oversized = DataPreamble.newBuilder()
                .setAgentAccept(AgentAccept.newBuilder().setConnectionId("x".repeat(Preamble.MAX_LENGTH)))
                .build();

        // Then the encoder refuses it
        assertThrows(IllegalArgumentException.class, () -> Preamble.encode(UnpooledByteBufAllocator.DEFAULT, oversized));

        // And the decoder closes a connection announcing one, without waiting for its timeout
        byte[] lengthOverLimit = {(byte) 0x81, 0x20}; // varint 4097
        assertRejected(wiring, Preambles.concat(lengthOverLimit, new byte[100]));
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldRejectMalformedPreamble(Wiring wiring) throws Exception {
        // A length whose varint decodes to a negative number
        assertRejected(wiring, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
        // A length longer than any varint32
        assertRejected(wiring, new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01});
        // A body that is no protobuf (field 1 with the invalid wire type 7)
        assertRejected(wiring, new byte[] {0x02, 0x0f, 0x00});
        // A well-formed but empty preamble: neither edge_open nor agent_accept
        assertRejected(wiring, new byte[] {0x00, 0x01, 0x02});
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldClosePreamblelessConnectionAfterTimeout(Wiring wiring) throws Exception {
        TestProxy.Options options = new TestProxy.Options();
        options.expectPreamble = true;
        options.preambleTimeoutMillis = 200;
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), options);
                Socket silent = Sockets.connect(proxy.address());
                Socket partial = Sockets.connect(proxy.address())) {
            // Given a client that sends nothing, and one that sends half a preamble
            byte[] preamble = Preambles.bytes(Preambles.agentRefusal());
            partial.getOutputStream().write(preamble, 0, preamble.length / 2);

            // Then the proxy closes both once the timeout passed, and dials nothing for them
            assertClosed(silent);
            assertClosed(partial);
            assertEquals(0, proxy.dials());
        }
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldCloseConnectionThatEndsBeforeItsPreamble(Wiring wiring) throws Exception {
        TestProxy.Options options = new TestProxy.Options();
        options.expectPreamble = true; // with the default one-minute timeout
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), options);
                Socket client = Sockets.connect(proxy.address())) {
            // Given a client that sends half a preamble, then its FIN
            byte[] preamble = Preambles.bytes(Preambles.agentRefusal());
            client.getOutputStream().write(preamble, 0, preamble.length / 2);
            client.shutdownOutput();

            // Then the proxy closes it at once: that preamble can never complete
            assertClosed(client);
            assertEquals(0, proxy.dials());
        }
    }

    /** Sends {@code bytes} to a preamble-reading proxy and expects it to close the connection. */
    private static void assertRejected(Wiring wiring, byte[] bytes) throws Exception {
        TestProxy.Options options = new TestProxy.Options();
        options.expectPreamble = true; // with the default one-minute timeout, far beyond the read wait
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), options);
                Socket client = Sockets.connect(proxy.address())) {
            client.getOutputStream().write(bytes);
            assertClosed(client);
            assertEquals(0, proxy.dials());
        }
    }
}
