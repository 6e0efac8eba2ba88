package dev.portway.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.EdgeOpen;
import dev.portway.api.v1.Endpoint;
import io.grpc.Server;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edge as a whole, without Quarkus: real gRPC servers play the allocator and a bridge, a real TCP
 * listener plays the bridge's data port (reads the preamble, echoes), real clients connect.
 */
class EdgeRouterEndToEndTest {

    private static final String TOKEN = "s3cret-service-token";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private EchoDataListener data;
    private FakeControlPlane.Allocator allocator;
    private FakeControlPlane.Bridge bridge;
    private Server allocatorServer;
    private Server bridgeServer;
    private EdgeRouter edge;
    private int port;
    private Address address;
    private Endpoint endpoint;

    @BeforeEach
    void startControlPlaneAndEdge() throws IOException {
        data = new EchoDataListener();
        allocator = new FakeControlPlane.Allocator();
        bridge = new FakeControlPlane.Bridge("br-test", data.address());
        allocatorServer = FakeControlPlane.serve(allocator.definition());
        bridgeServer = FakeControlPlane.serve(bridge.definition());
        port = TcpProbe.freeHighPort();
        address = Address.newBuilder().setId("addr-1").setHost("localhost").setPort(port).setAccount("acme").build();
        endpoint = Endpoint.newBuilder().setId("ep-1").setUrl("tcp://localhost:" + port).setHost("localhost")
                .setPort(port).setAccount("acme").setAddressId("addr-1").setBridgeId("br-test").build();

        edge = new EdgeRouter(TestEdgeConfig.of(FakeControlPlane.target(allocatorServer),
                List.of(FakeControlPlane.target(bridgeServer))), TOKEN, meters);
        edge.start();
    }

    @AfterEach
    void stopEverything() {
        edge.close();
        allocatorServer.shutdownNow();
        bridgeServer.shutdownNow();
        data.close();
    }

    @Test
    void becomesReadyOnceTheAllocatorAndEveryBridgeSentASnapshot() {
        // Given the fakes answer every watch with a snapshot
        // Then the edge reports ready, and it presented the service token to both
        Eventually.await("the edge is ready", () -> edge.readiness().isReady());
        assertEquals(List.of(), edge.readiness().missing());
        assertTrue(allocator.auth.seen.contains("Bearer " + TOKEN), allocator.auth.seen::toString);
        assertTrue(bridge.auth.seen.contains("Bearer " + TOKEN), bridge.auth.seen::toString);
    }

    @Test
    void carriesAClientToTheEndpointsBridgeWithTheRightPreambleAndEchoesItsBytes() throws Exception {
        // Given a reserved address with its endpoint online on the bridge
        allocator.reserve(address);
        bridge.online(endpoint);
        Eventually.await("the edge listens on " + port, () -> TcpProbe.accepts(port));

        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            client.setSoTimeout(30_000);
            // When the client sends bytes
            byte[] hello = "hello, agent".getBytes(StandardCharsets.UTF_8);
            client.getOutputStream().write(hello);

            // Then they come back through the bridge's data port
            assertArrayEquals(hello, client.getInputStream().readNBytes(hello.length));

            // and the preamble named the endpoint, the client as the edge saw it, the address it used, and the token
            EdgeOpen open = data.edgeOpenFor(client.getLocalPort());
            assertEquals("ep-1", open.getEndpointId());
            assertEquals("127.0.0.1:" + client.getLocalPort(), open.getClientAddress());
            assertEquals("127.0.0.1:" + port, open.getServerAddress());
            assertEquals(TOKEN, open.getServiceToken());

            // and the bytes were counted for the endpoint, both ways
            assertEquals(hello.length, bytes("portway.edge.bytes.in"));
            assertEquals(hello.length, bytes("portway.edge.bytes.out"));
        }
    }

    @Test
    void carriesALargeStreamBothWaysIntact() throws Exception {
        // Given a client connected through the edge
        allocator.reserve(address);
        bridge.online(endpoint);
        Eventually.await("the edge listens on " + port, () -> TcpProbe.accepts(port));
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            client.setSoTimeout(30_000);
            byte[] payload = new byte[4 * 1024 * 1024];
            new java.util.Random(42).nextBytes(payload);

            // When it sends 4 MiB while reading the echo (so back-pressure, not buffering, paces it)
            Thread writer = new Thread(() -> {
                try {
                    client.getOutputStream().write(payload);
                } catch (IOException ignored) {
                    // the read side reports the failure
                }
            });
            writer.start();
            byte[] echoed = client.getInputStream().readNBytes(payload.length);
            writer.join();

            // Then every byte comes back in order and is counted once each way
            assertArrayEquals(payload, echoed);
            assertEquals(payload.length, bytes("portway.edge.bytes.in"));
            assertEquals(payload.length, bytes("portway.edge.bytes.out"));
        }
    }

    @Test
    void stopsListeningAndResetsOpenClientsWhenTheEndpointGoesOffline() throws Exception {
        // Given a client connected through the edge
        allocator.reserve(address);
        bridge.online(endpoint);
        Eventually.await("the edge listens on " + port, () -> TcpProbe.accepts(port));
        try (Socket client = connectAndEcho()) {

            // When the endpoint goes offline
            bridge.offline(endpoint);

            // Then the open client connection ends at once (reset or close), without any byte
            assertConnectionEnds(client);
            // and the port refuses new clients
            Eventually.await("port " + port + " refuses connections", () -> TcpProbe.refuses(port));
        }
    }

    @Test
    void treatsABrokenBridgeWatchAsEveryEndpointOfflineAndServesAgainAfterReconnect() throws Exception {
        // Given a served endpoint with a connected client
        allocator.reserve(address);
        bridge.online(endpoint);
        Eventually.await("the edge listens on " + port, () -> TcpProbe.accepts(port));
        try (Socket client = connectAndEcho()) {

            // When the bridge's watch breaks (the bridge still has the endpoint online)
            bridge.breakWatches();

            // Then the client is cut off and the port closes, until the watch is back with a snapshot
            assertConnectionEnds(client);
        }
        Eventually.await("the edge reconnected to the bridge", () -> bridge.watcherCount() == 1);
        Eventually.await("the edge listens on " + port + " again", () -> TcpProbe.accepts(port));
    }

    @Test
    void stopsListeningWhenTheAllocatorReleasesTheAddress() {
        // Given a served endpoint
        allocator.reserve(address);
        bridge.online(endpoint);
        Eventually.await("the edge listens on " + port, () -> TcpProbe.accepts(port));

        // When the allocator releases the address (the endpoint is still online)
        allocator.release(address);

        // Then the port refuses
        Eventually.await("port " + port + " refuses connections", () -> TcpProbe.refuses(port));
    }

    @Test
    void resumesTheAllocatorWatchFromTheLastRevisionSeen() {
        // Given the edge saw two changes
        Eventually.await("the edge is ready", () -> edge.readiness().isReady());
        allocator.reserve(address);
        allocator.reserve(address.toBuilder().setId("addr-2").setPort(port + 1).build());
        long seen = allocator.revision();
        bridge.online(endpoint);
        Eventually.await("the edge listens on " + port, () -> TcpProbe.accepts(port));

        // When the allocator's watch breaks
        allocator.breakWatches();

        // Then the edge watches again from the revision it last saw, and keeps serving meanwhile
        Eventually.await("the edge watches the allocator again", () -> allocator.resumeRequests.size() == 2);
        assertEquals(List.of(0L, seen), allocator.resumeRequests);
        assertTrue(TcpProbe.accepts(port));
    }

    @Test
    void resetsTheClientAtOnceWhenTheBridgeDataAddressDoesNotAnswer() throws Exception {
        // Given an endpoint whose bridge advertises a data address where nothing listens
        int closedPort = TcpProbe.freeHighPort();
        FakeControlPlane.Bridge deadData = new FakeControlPlane.Bridge("br-dead", "127.0.0.1:" + closedPort);
        Server deadServer = FakeControlPlane.serve(deadData.definition());
        try (EdgeRouter other = new EdgeRouter(TestEdgeConfig.of(FakeControlPlane.target(allocatorServer),
                List.of(FakeControlPlane.target(deadServer))), TOKEN, new SimpleMeterRegistry())) {
            edge.close(); // only one edge on this port
            other.start();
            allocator.reserve(address);
            deadData.online(endpoint);
            Eventually.await("the edge listens on " + port, () -> TcpProbe.accepts(port));

            // When a client connects
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress("127.0.0.1", port));
                client.setSoTimeout(30_000);

                // Then the edge ends it at once instead of leaving it hanging
                assertConnectionEnds(client);
            }
        } finally {
            deadServer.shutdownNow();
        }
    }

    private Socket connectAndEcho() throws IOException {
        Socket client = new Socket();
        client.connect(new InetSocketAddress("127.0.0.1", port));
        client.setSoTimeout(30_000);
        byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
        client.getOutputStream().write(ping);
        assertArrayEquals(ping, client.getInputStream().readNBytes(ping.length));
        return client;
    }

    /** The peer closed or reset the connection: a read ends with EOF or a reset, never with data or a timeout. */
    private static void assertConnectionEnds(Socket client) {
        try {
            InputStream in = client.getInputStream();
            assertEquals(-1, in.read());
        } catch (SocketException reset) {
            // a reset is what the edge sends: fine
        } catch (IOException e) {
            throw new AssertionError("expected the connection to end, got " + e, e);
        }
    }

    private double bytes(String name) {
        FunctionCounter counter = meters.find(name).tag("endpoint", endpoint.getUrl()).functionCounter();
        assertTrue(counter != null, "no meter " + name);
        return counter.count();
    }

    @Test
    void refusesToStartWithoutAServiceToken() {
        assertThrows(IllegalArgumentException.class, () -> new EdgeRouter(
                TestEdgeConfig.of("127.0.0.1:1", List.of("127.0.0.1:1")), " ", new SimpleMeterRegistry()));
    }
}
