package dev.portway.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portway.api.v1.Address;
import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.Endpoint;
import io.grpc.Server;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Traffic policy through the whole edge, without Quarkus: real gRPC servers play the allocator, a bridge and the
 * policy-engine; a {@link FakeAgent} dials in and echoes for every Open; real clients connect from 127.0.0.1 or
 * 127.0.0.2 (their source address bound). The edge's JSON events are captured.
 */
class EdgePolicyEndToEndTest {

    private static final String TOKEN = "s3cret-service-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private FakeAgent agent;
    private FakeControlPlane.Allocator allocator;
    private FakeControlPlane.Bridge bridge;
    private FakeControlPlane.PolicyEngine policyEngine;
    private Server allocatorServer;
    private Server bridgeServer;
    private Server policyEngineServer;
    private EdgeRouter edge;
    private int port;
    private String url;
    private Address address;

    @BeforeEach
    void startControlPlaneAndEdge() throws IOException {
        agent = new FakeAgent();
        allocator = new FakeControlPlane.Allocator();
        bridge = new FakeControlPlane.Bridge("br-test", agent);
        policyEngine = new FakeControlPlane.PolicyEngine();
        allocatorServer = FakeControlPlane.serve(allocator.definitions());
        bridgeServer = FakeControlPlane.serve(bridge.definitions());
        policyEngineServer = FakeControlPlane.serve(policyEngine.definitions());
        port = TcpProbe.freeHighPort();
        url = "tcp://localhost:" + port;
        address = Address.newBuilder().setId("addr-1").setHost("localhost").setPort(port).setAccount("acme").build();
        edge = new EdgeRouter(TestEdgeConfig.of(FakeControlPlane.target(allocatorServer),
                List.of(FakeControlPlane.target(bridgeServer)), FakeControlPlane.target(policyEngineServer)),
                TOKEN, meters, events::add);
        edge.start();
        Eventually.await("the edge is ready", () -> edge.readiness().isReady());
        allocator.reserve(address);
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
    void shouldCloseAClientRestrictIpsDeniesAndCarryOneItAllows() throws Exception {
        // Given an endpoint whose policy allows 127.0.0.1 only, and logs who connects
        online(endpoint("ep-1").setTrafficPolicy("""
                on_tcp_connect:
                  - actions:
                      - type: log
                        config: {metadata: {who: "${conn.client_ip}", rule: office}}
                      - type: restrict-ips
                        config: {allow: ["127.0.0.1/32"]}
                """).build());

        // When a client connects from 127.0.0.2
        try (Socket denied = connectFrom("127.0.0.2")) {
            // Then the edge closes it at once, without asking the bridge
            assertConnectionEnds(denied);
        }
        // and a client from 127.0.0.1 is carried to the agent
        try (Socket allowed = connectFrom("127.0.0.1")) {
            echo(allowed, "hello");
        }

        assertEquals(1, agent.requests.size(), "only the allowed client reached the bridge");
        Eventually.await("both connections reported", () -> closedEvents().size() == 2);
        JsonNode deniedEvent = closedEventFrom("127.0.0.2");
        assertEquals("close", deniedEvent.get("decision").asText());
        assertEquals("restrict_ips", deniedEvent.get("close_reason").asText());
        assertEquals(url, deniedEvent.get("endpoint_url").asText());
        assertEquals("ep-1", deniedEvent.get("endpoint_id").asText());
        assertEquals(port, deniedEvent.get("server_port").asInt());
        JsonNode allowedEvent = closedEventFrom("127.0.0.1");
        assertEquals("allow", allowedEvent.get("decision").asText());
        assertEquals(5, allowedEvent.get("bytes_in").asLong());
        assertEquals(5, allowedEvent.get("bytes_out").asLong());
        assertEquals("done", allowedEvent.get("ended").asText());
        assertTrue(allowedEvent.get("duration_ms").asLong() >= 0);
        // and each connection's log action became a policy_log event naming the endpoint, the rule and the client
        List<JsonNode> logs = parsed().stream().filter(e -> e.get("event").asText().equals("policy_log")).toList();
        assertEquals(2, logs.size());
        assertEquals(List.of("127.0.0.2", "127.0.0.1"), logs.stream().map(e -> e.get("metadata").get("who").asText()).toList());
        assertEquals("log", logs.get(0).get("kind").asText());
        assertEquals(url, logs.get(0).get("endpoint_url").asText());
        assertEquals(0, logs.get(0).get("rule_index").asInt());
        assertEquals("office", logs.get(0).get("metadata").get("rule").asText());
        // and the decisions were counted by endpoint and action
        assertEquals(1, decisions(url, "restrict_ips"));
        assertEquals(1, decisions(url, "allow"));
    }

    @Test
    void shouldCarryACloudEndpointsClientToTheInternalEndpointItForwardsTo() throws Exception {
        // Given the reference's example: a cloud endpoint on the address, forwarding to an internal agent endpoint
        online(Endpoint.newBuilder().setId("ep-internal").setUrl("tcp://example-service.internal:8443")
                .setHost("example-service.internal").setPort(8443).setAccount("acme").setInternal(true).build());
        policyEngine.create(CloudEndpoint.newBuilder().setId("cep-1").setAccount("acme").setUrl(url)
                .setTrafficPolicy("""
                        on_http_request:
                          - actions:
                              - type: forward-internal
                                config:
                                  url: tcp://example-service.internal:8443
                        """).build());
        Eventually.await("the edge listens on " + port, () -> meters.get("portway.edge.listeners").gauge().value() == 1);
        Eventually.await("the internal endpoint is known", () -> edge.routes().isLive("ep-internal"));

        // When a client connects and sends bytes
        try (Socket client = connectFrom("127.0.0.1")) {
            // Then they come back through the internal endpoint's agent
            echo(client, "forwarded");
        }
        assertEquals("ep-internal", agent.requests.get(0).getEndpointId());

        // and the event says where it went; both policies' decisions were counted
        Eventually.await("the connection was reported", () -> closedEvents().size() == 1);
        JsonNode event = closedEvents().get(0);
        assertEquals("forward-internal", event.get("decision").asText());
        assertEquals("tcp://example-service.internal:8443", event.get("forward_url").asText());
        assertEquals("cep-1", event.get("endpoint_id").asText());
        assertEquals("ep-internal", event.get("target_id").asText());
        assertEquals(1, decisions(url, "forward_internal"));
        assertEquals(1, decisions("tcp://example-service.internal:8443", "allow"));
    }

    @Test
    void shouldCountTwoAccountsInternalEndpointsWithTheSameUrlApart() throws Exception {
        // Given two accounts, each with an internal endpoint at the same URL and a cloud endpoint forwarding to it
        String internal = "tcp://example-service.internal:8443";
        int globexPort = TcpProbe.freeHighPort();
        String globexUrl = "tcp://localhost:" + globexPort;
        allocator.reserve(Address.newBuilder().setId("addr-2").setHost("localhost").setPort(globexPort)
                .setAccount("globex").build());
        for (String account : List.of("acme", "globex")) {
            online(Endpoint.newBuilder().setId("ep-" + account).setUrl(internal).setHost("example-service.internal")
                    .setPort(8443).setAccount(account).setInternal(true).build());
        }
        String forward = """
                on_tcp_connect:
                  - actions:
                      - type: forward-internal
                        config:
                          url: %s
                """.formatted(internal);
        policyEngine.create(CloudEndpoint.newBuilder().setId("cep-acme").setAccount("acme").setUrl(url)
                .setTrafficPolicy(forward).build());
        policyEngine.create(CloudEndpoint.newBuilder().setId("cep-globex").setAccount("globex").setUrl(globexUrl)
                .setTrafficPolicy(forward).build());
        Eventually.await("the edge listens on both addresses",
                () -> meters.get("portway.edge.listeners").gauge().value() == 2);

        // When one client goes through acme's address and two through globex's
        try (Socket client = connectFrom("127.0.0.1")) {
            echo(client, "acme");
        }
        for (int i = 0; i < 2; i++) {
            try (Socket client = new Socket("127.0.0.1", globexPort)) {
                client.setSoTimeout(30_000);
                echo(client, "globex");
            }
        }

        // Then each account's internal endpoint has its own series: one account's traffic never shows in the other's
        Eventually.await("all three connections were reported", () -> closedEvents().size() == 3);
        assertEquals(1, decisions("acme", internal, "allow"));
        assertEquals(2, decisions("globex", internal, "allow"));

        // and when globex's internal endpoint goes offline, only its series go
        bridge.offline(Endpoint.newBuilder().setId("ep-globex").setUrl(internal).setAccount("globex")
                .setInternal(true).build());
        Eventually.await("globex's internal series are removed", () -> meters.find("portway.edge.policy.decisions")
                .tag("account", "globex").tag("endpoint", internal).meters().isEmpty());
        assertEquals(1, decisions("acme", internal, "allow"));
    }

    @Test
    void shouldFailClosedWhileThePolicyEngineIsDownAndServeAgainOnceInSync() throws Exception {
        // Given an endpoint without a policy, carrying clients
        online(endpoint("ep-1").build());
        try (Socket client = connectFrom("127.0.0.1")) {
            echo(client, "before");
        }
        assertEquals(1.0, meters.get("portway.edge.policy.engine.up").gauge().value());

        // When the policy-engine goes down
        policyEngine.down();

        // Then the edge is not ready, naming the policy-engine, and reports it down
        Eventually.await("the edge reports the policy-engine missing", () -> !edge.readiness().isReady());
        assertEquals(List.of("policy-engine " + FakeControlPlane.target(policyEngineServer)), edge.readiness().missing());
        assertEquals(0.0, meters.get("portway.edge.policy.engine.up").gauge().value());
        // and closes every new client at once, without asking the bridge, while still listening
        try (Socket client = connectFrom("127.0.0.1")) {
            assertConnectionEnds(client);
        }
        assertEquals(1, agent.requests.size());
        Eventually.await("the closed client was counted", () ->
                meters.counter("portway.edge.policy.engine.unavailable.closes").count() == 1);
        Eventually.await("the closed client was reported", () -> closedEvents().stream()
                .anyMatch(e -> e.path("close_reason").asText().equals("policy_engine_unavailable")));

        // When it is back, the edge re-syncs (a fresh snapshot), is ready and carries clients again
        policyEngine.up();
        Eventually.await("the edge is ready again", () -> edge.readiness().isReady());
        assertEquals(1.0, meters.get("portway.edge.policy.engine.up").gauge().value());
        try (Socket client = connectFrom("127.0.0.1")) {
            echo(client, "after");
        }
        assertTrue(policyEngine.resumeRequests.stream().allMatch(r -> r == 0L), "every watch asked for a snapshot");
    }

    @Test
    void shouldEmitNoEventWhenEventsAreOff() throws Exception {
        // Given an edge with events switched off
        edge.close();
        edge = new EdgeRouter(TestEdgeConfig.of(FakeControlPlane.target(allocatorServer),
                List.of(FakeControlPlane.target(bridgeServer)), FakeControlPlane.target(policyEngineServer))
                .withEventsEnabled(false), TOKEN, new SimpleMeterRegistry(), events::add);
        edge.start();
        Eventually.await("the edge is ready", () -> edge.readiness().isReady());
        bridge.online(endpoint("ep-1").build());
        Eventually.await("the edge listens on " + port, () -> TcpProbe.accepts(port));

        // When a client is carried
        try (Socket client = connectFrom("127.0.0.1")) {
            echo(client, "quiet");
        }

        // Then no event was written
        assertTrue(events.isEmpty(), events::toString);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private Endpoint.Builder endpoint(String id) {
        return Endpoint.newBuilder().setId(id).setUrl(url).setHost("localhost").setPort(port).setAccount("acme")
                .setAddressId("addr-1").setBridgeId("br-test");
    }

    /** Puts the endpoint online and, for a public one, waits until the edge listens (without probing: no client). */
    private void online(Endpoint endpoint) {
        bridge.online(endpoint);
        if (!endpoint.getInternal()) {
            Eventually.await("the edge listens on " + port, () -> meters.get("portway.edge.listeners").gauge().value() == 1);
        }
        Eventually.await("the data listener is bound", () -> edge.agentDataAddress() != null);
    }

    private Socket connectFrom(String sourceIp) throws IOException {
        Socket client = new Socket();
        client.bind(new InetSocketAddress(sourceIp, 0));
        client.connect(new InetSocketAddress("127.0.0.1", port));
        client.setSoTimeout(30_000);
        return client;
    }

    private static void echo(Socket client, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        client.getOutputStream().write(bytes);
        assertArrayEquals(bytes, client.getInputStream().readNBytes(bytes.length));
    }

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

    private List<JsonNode> parsed() {
        return events.stream().map(line -> {
            assertFalse(line.contains("\n"), "one event per line: " + line);
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + line, e);
            }
        }).toList();
    }

    private List<JsonNode> closedEvents() {
        return parsed().stream().filter(e -> e.get("event").asText().equals("tcp_connection_closed")).toList();
    }

    /** The one tcp_connection_closed event of the client from {@code clientIp}. */
    private JsonNode closedEventFrom(String clientIp) {
        List<JsonNode> matching = closedEvents().stream()
                .filter(e -> e.get("client_ip").asText().equals(clientIp)).toList();
        assertEquals(1, matching.size(), "exactly one closed event for " + clientIp + ": " + events);
        return matching.get(0);
    }

    private double decisions(String endpointUrl, String action) {
        return decisions("acme", endpointUrl, action);
    }

    private double decisions(String account, String endpointUrl, String action) {
        Counter counter = meters.find("portway.edge.policy.decisions").tag("account", account)
                .tag("endpoint", endpointUrl).tag("action", action).counter();
        return counter == null ? 0 : counter.count();
    }
}
