package dev.portway.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.OpenRequest;
import io.grpc.Server;
import io.grpc.Status;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edge as a whole, without Quarkus: real gRPC servers play the allocator and a bridge (watch
 * and broker); the bridge passes every Open on to a {@link FakeAgent} that dials the edge's data
 * listener like the real agent (preamble, then echo); real clients connect.
 */
class EdgeRouterEndToEndTest {

    private static final String TOKEN = "s3cret-service-token";

    private SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private FakeAgent agent;
    private FakeControlPlane.Allocator allocator;
    private FakeControlPlane.Bridge bridge;
    private FakeControlPlane.PolicyEngine policyEngine;
    private Server allocatorServer;
    private Server bridgeServer;
    private Server policyEngineServer;
    private TestEdgeConfig config;
    private EdgeRouter edge;
    private int port;
    private Address address;
    private Endpoint endpoint;

    @BeforeEach
    void startControlPlaneAndEdge() throws IOException {
        agent = new FakeAgent();
        allocator = new FakeControlPlane.Allocator();
        bridge = new FakeControlPlane.Bridge("br-test", agent);
        allocatorServer = FakeControlPlane.serve(allocator.definitions());
        bridgeServer = FakeControlPlane.serve(bridge.definitions());
        policyEngine = new FakeControlPlane.PolicyEngine();
        policyEngineServer = FakeControlPlane.serve(policyEngine.definitions());
        port = TcpProbe.freeHighPort();
        address = Address.newBuilder().setId("addr-1").setHost("localhost").setPort(port).setAccount("acme").build();
        endpoint = Endpoint.newBuilder().setId("ep-1").setUrl("tcp://localhost:" + port).setHost("localhost")
                .setPort(port).setAccount("acme").setAddressId("addr-1").setBridgeId("br-test").build();

        config = TestEdgeConfig.of(FakeControlPlane.target(allocatorServer), List.of(FakeControlPlane.target(bridgeServer)),
                FakeControlPlane.target(policyEngineServer));
        edge = new EdgeRouter(config, TOKEN, meters);
        edge.start();
    }

    @AfterEach
    void stopEverything() {
        edge.close();
        allocatorServer.shutdownNow();
        bridgeServer.shutdownNow();
        policyEngineServer.shutdownNow();
        agent.close();
    }

    @Test
    void becomesReadyOnceTheAllocatorEveryBridgeAndThePolicyEngineSentASnapshotAndTheDataListenerIsBound() {
        // Given the fakes answer every watch with a snapshot
        // Then the edge reports ready, and it presented the service token to all three
        Eventually.await("the edge is ready", () -> edge.readiness().isReady());
        assertEquals(List.of(), edge.readiness().missing());
        assertTrue(allocator.auth.seen.contains("Bearer " + TOKEN), allocator.auth.seen::toString);
        assertTrue(bridge.auth.seen.contains("Bearer " + TOKEN), bridge.auth.seen::toString);
        assertTrue(policyEngine.auth.seen.contains("Bearer " + TOKEN), policyEngine.auth.seen::toString);
        // and its data listener is bound on a free port of the advertised host
        Eventually.await("the data listener is bound", () -> edge.agentDataAddress() != null);
        assertTrue(edge.agentDataAddress().startsWith("127.0.0.1:"), edge.agentDataAddress());
    }

    @Test
    void carriesAClientThroughTheAgentTheBridgeToldToDialIn() throws Exception {
        // Given a reserved address with its endpoint online on the bridge
        serveEndpoint();

        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            client.setSoTimeout(30_000);
            // When the client sends bytes
            byte[] hello = "hello, agent".getBytes(StandardCharsets.UTF_8);
            client.getOutputStream().write(hello);

            // Then they come back through the agent's data connection
            assertArrayEquals(hello, client.getInputStream().readNBytes(hello.length));

            // and the edge asked the bridge, with the service token, to have the agent dial its data
            // listener, naming the endpoint, the client as the edge saw it, the address it used, and
            // a fresh connection id with a 128-bit token
            OpenRequest open = openFor(client.getLocalPort());
            assertEquals("ep-1", open.getEndpointId());
            assertEquals("127.0.0.1:" + client.getLocalPort(), open.getClientAddress());
            assertEquals("127.0.0.1:" + port, open.getServerAddress());
            assertEquals(edge.agentDataAddress(), open.getDataAddress());
            assertTrue(open.getToken().matches("[0-9a-f]{32}"), open.getToken());
            assertTrue(!open.getConnectionId().isEmpty());
            assertTrue(bridge.openAuth.seen.stream().allMatch(("Bearer " + TOKEN)::equals), bridge.openAuth.seen::toString);

            // and the bytes were counted for the endpoint, both ways
            assertEquals(hello.length, bytes("portway.edge.bytes.in"));
            assertEquals(hello.length, bytes("portway.edge.bytes.out"));
        }
    }

    @Test
    void givesEveryConnectionItsOwnIdAndToken() throws Exception {
        // Given a served endpoint
        serveEndpoint();

        // When two clients connect
        try (Socket first = connectAndEcho(); Socket second = connectAndEcho()) {
            // Then each got its own id and token
            OpenRequest a = openFor(first.getLocalPort());
            OpenRequest b = openFor(second.getLocalPort());
            assertNotEquals(a.getConnectionId(), b.getConnectionId());
            assertNotEquals(a.getToken(), b.getToken());
        }
    }

    @Test
    void carriesALargeStreamBothWaysIntact() throws Exception {
        // Given a client connected through the edge
        serveEndpoint();
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
        serveEndpoint();
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
    void shouldDropAnEndpointsMetricSeriesOnceItGoesOfflineAndStartAfreshWhenItReturns() throws Exception {
        // Given an endpoint whose traffic and decisions were counted
        serveEndpoint();
        try (Socket client = connectAndEcho()) {
            assertEquals(4, bytes("portway.edge.bytes.in"));
            assertNotNull(meters.find("portway.edge.policy.decisions").tag("endpoint", endpoint.getUrl()).counter());

            // When the endpoint goes offline
            bridge.offline(endpoint);
            assertConnectionEnds(client);
        }

        // Then its series are gone from the registry (an edge with churning endpoints keeps a bounded set)
        Eventually.await("the endpoint's series are removed", () ->
                meters.find("portway.edge.bytes.in").tag("endpoint", endpoint.getUrl()).meters().isEmpty()
                        && meters.find("portway.edge.bytes.out").tag("endpoint", endpoint.getUrl()).meters().isEmpty()
                        && meters.find("portway.edge.policy.decisions").tag("endpoint", endpoint.getUrl()).meters().isEmpty());

        // And when it comes back, its counters start at zero and count again (one echo of 4 bytes)
        bridge.online(endpoint);
        awaitServedAgain();
        assertEquals(4, bytes("portway.edge.bytes.in"));
    }

    @Test
    void shouldResetAWaitingClientWhenTheEndpointGoesOfflineAndCloseItsLateAgent() throws Exception {
        // Given an agent that takes its time, and a client waiting for it
        serveEndpoint();
        agent.behave(FakeAgent.Behaviour.NEVER_DIAL);
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            client.setSoTimeout(30_000);
            Eventually.await("the bridge was asked to open", () -> !agent.requests.isEmpty());

            // When the endpoint goes offline (long before the agent dial timeout)
            bridge.offline(endpoint);

            // Then the waiting client ends at once
            assertConnectionEnds(client);
        }
        // and an agent dialing in for it now is closed without a byte
        OpenRequest late = agent.requests.get(0);
        assertEquals(FakeAgent.Outcome.CLOSED_BY_EDGE, agent.dialAs(late, late.getToken()));
    }

    @Test
    void treatsABrokenBridgeWatchAsEveryEndpointOfflineAndServesAgainAfterReconnect() throws Exception {
        // Given a served endpoint with a connected client
        serveEndpoint();
        try (Socket client = connectAndEcho()) {

            // When the bridge's watch breaks (the bridge still has the endpoint online)
            bridge.breakWatches();

            // Then the client is cut off and the port closes, until the watch is back with a snapshot
            assertConnectionEnds(client);
        }
        Eventually.await("the edge reconnected to the bridge", () -> bridge.watcherCount() == 1);
        awaitServedAgain();
    }

    @Test
    void stopsListeningWhenTheAllocatorReleasesTheAddress() {
        // Given a served endpoint
        serveEndpoint();

        // When the allocator releases the address (the endpoint is still online)
        allocator.release(address);

        // Then the port refuses
        Eventually.await("port " + port + " refuses connections", () -> TcpProbe.refuses(port));
    }

    @Test
    void resumesTheAllocatorWatchFromJustBeforeTheLastRevisionSeen() {
        // Given the edge saw two changes
        Eventually.await("the edge is ready", () -> edge.readiness().isReady());
        allocator.reserve(address);
        allocator.reserve(address.toBuilder().setId("addr-2").setPort(port + 1).build());
        long seen = allocator.revision();
        bridge.online(endpoint);
        Eventually.await("the edge listens on " + port, () -> TcpProbe.accepts(port));

        // When the allocator's watch breaks
        allocator.breakWatches();

        // Then the edge watches again from the revision before the last one it saw (so the replay of that one
        // change tells it the new stream is live), and keeps serving meanwhile
        Eventually.await("the edge watches the allocator again", () -> allocator.resumeRequests.size() == 2);
        assertEquals(List.of(0L, seen - 1), allocator.resumeRequests);
        assertTrue(TcpProbe.accepts(port));
        // and is ready again once the new stream delivered
        Eventually.await("the edge is ready again", () -> edge.readiness().isReady());
    }

    @Test
    void shouldCloseClientWhenAgentReportsUpstreamError() throws Exception {
        // Given an agent whose upstream refuses
        serveEndpoint();
        agent.behave(FakeAgent.Behaviour.UPSTREAM_REFUSED);

        // When a client connects and sends
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            client.setSoTimeout(30_000);
            client.getOutputStream().write(1);

            // Then the edge closes it at once (long before the agent dial timeout), and the agent's data connection too
            assertConnectionEnds(client);
        }
        Eventually.await("the agent's data connection was closed", () -> agent.refusals.size() == 1);
        assertEquals(List.of(FakeAgent.Outcome.CLOSED_BY_EDGE), agent.refusals);
        Eventually.await("the client was counted as refused", () -> counter("portway.edge.connections.refused") == 1);
    }

    @Test
    void shouldRefuseAgentDataConnectionWithWrongToken() throws Exception {
        // Given a connection id that leaked to someone without the token
        serveEndpoint();
        agent.behave(FakeAgent.Behaviour.IMPOSTER_FIRST);

        // When a client connects, and the impostor dials in before the agent
        try (Socket client = connectAndEcho()) {
            // Then the impostor's connection is closed without a byte
            Eventually.await("the impostor was answered", () -> agent.imposters.size() == 1);
            assertEquals(List.of(FakeAgent.Outcome.CLOSED_BY_EDGE), agent.imposters);
            // and the client still reached the real agent (connectAndEcho got its echo)
            assertTrue(client.isConnected());
        }
    }

    @Test
    void shouldCarryLaterClientsOverTheAgentsLinkWithoutAskingTheBridge() throws Exception {
        // Given an agent that answers the first client with a link
        serveEndpoint();
        agent.behave(FakeAgent.Behaviour.LINK_ECHO);
        connectAndEcho().close();
        Eventually.await("the link is up", () -> meters.get("portway.edge.agent.links").gauge().value() == 1);

        // When five more clients come
        for (int i = 0; i < 5; i++) {
            try (Socket client = connectAndEcho()) {
                // Then each is echoed over a stream of the link, and ends with the agent's FIN after its own
                client.shutdownOutput();
                assertEquals(-1, client.getInputStream().read());
            }
        }
        // And the bridge was asked only for the first
        assertEquals(1, agent.requests.size());
    }

    @Test
    void shouldResetClientWhenTheAgentNeverAnswersItsStream() throws Exception {
        // Given an edge that waits 300 ms for agents, and an agent whose link never answers a stream
        restartEdge(config.withAgentDialTimeout(Duration.ofMillis(300)));
        serveEndpoint();
        agent.behave(FakeAgent.Behaviour.LINK_SILENT);

        // When a client connects and writes
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            client.setSoTimeout(30_000);
            client.getOutputStream().write(1);

            // Then the edge ends it once the timeout passed, and counts it
            assertConnectionEnds(client);
        }
        Eventually.await("the timeout was counted", () -> counter("portway.edge.agent.dial.timeouts") == 1);
        Eventually.await("the link is up", () -> meters.get("portway.edge.agent.links").gauge().value() == 1);
    }

    @Test
    void shouldResetClientWhenAgentNeverDials() throws Exception {
        // Given an edge that waits 300 ms for agents, and an agent that never dials in
        restartEdge(config.withAgentDialTimeout(Duration.ofMillis(300)));
        serveEndpoint();
        agent.behave(FakeAgent.Behaviour.NEVER_DIAL);

        // When a client connects
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            client.setSoTimeout(30_000);

            // Then the edge resets it once the timeout passed, and counts it
            assertConnectionEnds(client);
        }
        Eventually.await("the timeout was counted", () -> counter("portway.edge.agent.dial.timeouts") == 1);
        assertEquals(1, counter("portway.edge.connections.refused"));
        // and an agent dialing in after that is closed
        OpenRequest late = agent.requests.get(0);
        assertEquals(FakeAgent.Outcome.CLOSED_BY_EDGE, agent.dialAs(late, late.getToken()));
    }

    @Test
    void shouldResetClientWhenBrokerSaysEndpointUnknown() throws Exception {
        // Given a bridge that no longer holds the endpoint though the edge has not heard yet
        serveEndpoint();
        bridge.failOpens(Status.NOT_FOUND.withDescription("endpoint ep-1 is not online on this bridge"));

        // When a client connects
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            client.setSoTimeout(30_000);

            // Then the edge resets it at once, without waiting for an agent
            assertConnectionEnds(client);
        }
        Eventually.await("the client was counted as refused", () -> counter("portway.edge.connections.refused") == 1);
        assertEquals(0, counter("portway.edge.agent.dial.timeouts"));
        assertTrue(agent.requests.isEmpty());
    }

    @Test
    void refusesToStartWithoutAServiceToken() {
        assertThrows(IllegalArgumentException.class, () -> new EdgeRouter(
                TestEdgeConfig.of("127.0.0.1:1", List.of("127.0.0.1:1")), " ", new SimpleMeterRegistry()));
    }

    @Test
    void refusesADataBindAddressThatIsNotAnIpLiteral() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EdgeRouter(
                TestEdgeConfig.of("127.0.0.1:1", List.of("127.0.0.1:1")).withDataBindAddress("localhost"),
                TOKEN, new SimpleMeterRegistry()));
        assertTrue(e.getMessage().contains("portway.edge.data-bind-address"), e.getMessage());
    }

    // --- helpers -------------------------------------------------------------------------------

    /**
     * Serves the endpoint and waits until the edge listens. Waits on the listener gauge rather than
     * probing the port: a probe is a client too, and would add Opens and counts to what tests check.
     */
    private void serveEndpoint() {
        // In sync with the policy-engine first: until then the edge closes every client (fail closed).
        Eventually.await("the edge is ready", () -> edge.readiness().isReady());
        allocator.reserve(address);
        bridge.online(endpoint);
        Eventually.await("the edge listens on " + port, () -> meters.get("portway.edge.listeners").gauge().value() == 1);
        Eventually.await("the data listener is bound", () -> edge.agentDataAddress() != null);
    }

    private void restartEdge(TestEdgeConfig newConfig) {
        edge.close();
        meters = new SimpleMeterRegistry();
        config = newConfig;
        edge = new EdgeRouter(config, TOKEN, meters);
        edge.start();
    }

    /** The Open the bridge got for the client whose source port is {@code clientPort}. */
    private OpenRequest openFor(int clientPort) {
        String suffix = ":" + clientPort;
        Eventually.await("an Open for client port " + clientPort, () ->
                agent.requests.stream().anyMatch(r -> r.getClientAddress().endsWith(suffix)));
        return agent.requests.stream().filter(r -> r.getClientAddress().endsWith(suffix)).findFirst().orElseThrow();
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

    /**
     * Waits until a client's bytes come back through the endpoint again. "The port accepts" is not enough after
     * the endpoint was offline: the old listener closes asynchronously, and until it has, it still accepts
     * clients and refuses them for want of an endpoint (the edge's reset of a client that came too early).
     */
    private void awaitServedAgain() {
        Eventually.await("port " + port + " carries a client to the endpoint again", () -> {
            try (Socket client = connectAndEcho()) {
                return true;
            } catch (IOException refusedOrReset) {
                return false;
            }
        });
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
        assertNotNull(counter, "no meter " + name);
        return counter.count();
    }

    private double counter(String name) {
        return meters.counter(name).count();
    }
}
