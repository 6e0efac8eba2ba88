package dev.portway.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Futures;
import dev.portway.api.v1.Address;
import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.OpenResponse;
import dev.portway.relay.Transport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import dev.portway.policy.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler on real sockets: 127.0.0.1, random high ports, a real agent data listener, and a
 * {@link FakeAgent} that the "bridge" (a lambda here, no gRPC) tells to dial in and echo.
 */
class ListenerReconcilerTest {

    private final Transport transport = Transport.create("test-edge-io", 2);
    private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor();
    private final FakeAgent agent = new FakeAgent();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EdgeMetrics metrics = new EdgeMetrics(meters);
    private final PublishedRoutes published = new PublishedRoutes();
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final PendingConnections pending = new PendingConnections();
    private final AgentDataListener agentData = new AgentDataListener(transport, new InetSocketAddress("127.0.0.1", 0),
            AdvertisedDataAddress.parse("127.0.0.1"), pending, new AgentLinks(), control, Duration.ofMillis(200));
    private final BridgeBrokers brokers = (bridge, request) -> {
        agent.open(request);
        return Futures.immediateFuture(OpenResponse.getDefaultInstance());
    };
    private final ConnectionDecider decider = new ConnectionDecider(new RateLimiter(), Clock.systemUTC(),
            ConnectionDecider.UNIFORM);
    private final ConnectionContext context = new ConnectionContext(connections, pending, new AgentLinks(), brokers, agentData,
            published, decider, new EdgeEvents(false, line -> { }), metrics, Duration.ofSeconds(10), true);
    private final ListenerReconciler reconciler = new ListenerReconciler(transport, true, control,
            at -> new ClientAcceptor(at, context), published, connections, metrics);
    private final int port = TcpProbe.freeHighPort();
    private final BindAddress bind = new BindAddress("127.0.0.1", port);

    @BeforeEach
    void startDataListener() {
        agentData.start();
        Eventually.await("the agent data listener is bound", () -> agentData.advertisedAddress() != null);
    }

    @AfterEach
    void stop() throws Exception {
        onControl(() -> {
            reconciler.closeAll();
            agentData.close();
            return null;
        });
        control.shutdownNow();
        transport.close();
        agent.close();
    }

    @Test
    void listensWhileDesiredAndRefusesOnceWithdrawn() throws Exception {
        // Given a desired listener on a free port
        apply(routesWith("e1"));

        // Then the port accepts clients and the gauge counts it
        Eventually.await("port " + port + " accepts", () -> TcpProbe.accepts(port));
        Eventually.await("the listener gauge reads 1", () -> gauge() == 1);

        // When the listener is withdrawn (its last endpoint went offline)
        apply(Routes.NONE);

        // Then the port refuses connections
        Eventually.await("port " + port + " refuses", () -> TcpProbe.refuses(port));
        Eventually.await("the listener gauge reads 0", () -> gauge() == 0);
    }

    @Test
    void retriesABindThatFailedBecauseThePortWasInUse() throws Exception {
        // Given the port is taken by another socket (without SO_REUSEPORT)
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.0.1", port));

            // When the listener is desired
            apply(routesWith("e1"));

            // Then the bind fails and is kept as failed
            Eventually.await("the bind failed", () -> onControl(reconciler::states).get(bind) instanceof ListenerReconciler.Failed);
        }

        // When the port is free again and the periodic retry runs
        onControl(() -> {
            reconciler.retryFailed();
            return null;
        });

        // Then the edge listens and carries clients
        Eventually.await("the listener is bound", () -> onControl(reconciler::states).get(bind) instanceof ListenerReconciler.Bound);
        try (Socket client = connectAndEcho()) {
            assertTrue(client.isConnected());
        }
    }

    @Test
    void endsConnectionsOfAnEndpointThatWentOfflineWhileTheListenerStays() throws Exception {
        // Given a client carried to endpoint e1
        apply(routesWith("e1"));
        Eventually.await("port " + port + " accepts", () -> TcpProbe.accepts(port));
        try (Socket client = connectAndEcho()) {

            // When e1 goes offline but e2 is online on the same address
            apply(routesWith("e2"));

            // Then the client of e1 is cut off while the port keeps accepting (now for e2)
            assertConnectionEnds(client);
            assertTrue(TcpProbe.accepts(port));
            assertInstanceOf(ListenerReconciler.Bound.class, onControl(reconciler::states).get(bind));
        }
    }

    private Routes routesWith(String endpointId) {
        Address address = Address.newBuilder().setId("a1").setHost("localhost").setPort(port).setAccount("acme").build();
        Endpoint endpoint = Endpoint.newBuilder().setId(endpointId).setHost("localhost").setPort(port)
                .setUrl("tcp://localhost:" + port).build();
        OnlineEndpoint online = new OnlineEndpoint(endpoint, "br-1", "bridge-1:7200");
        Pool pool = Pool.of(List.of(RouteMember.agent(online, EndpointPolicy.NONE)));
        return new Routes(Map.of(bind, new Listener(bind, new PublicAddress("localhost", port), address, pool)), List.of());
    }

    private void apply(Routes routes) throws Exception {
        onControl(() -> {
            reconciler.apply(routes);
            return null;
        });
    }

    private <T> T onControl(Callable<T> task) {
        try {
            return control.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private double gauge() {
        return meters.get("portway.edge.listeners").gauge().value();
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

    private static void assertConnectionEnds(Socket client) {
        try {
            InputStream in = client.getInputStream();
            assertEquals(-1, in.read());
        } catch (SocketException reset) {
            // the edge resets: fine
        } catch (IOException e) {
            throw new AssertionError("expected the connection to end, got " + e, e);
        }
    }
}
