package dev.portway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.portway.api.v1.Address;
import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.Endpoint;
import dev.portway.policy.ConnectionFacts;
import dev.portway.policy.Decision;
import dev.portway.policy.RateLimiter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision for one accepted client, from routes the {@link RoutingTable} built out of real contract messages:
 * which member takes it, what the policies decide, where it goes or why it is closed.
 */
class ConnectionDeciderTest {

    private static final BindAddress AGENT_PORT = new BindAddress("127.0.0.1", 20001);
    private static final BindAddress CLOUD_PORT = new BindAddress("127.0.0.1", 20002);
    private static final BindAddress OTHER_ACCOUNTS_CLOUD_PORT = new BindAddress("127.0.0.1", 20003);

    private final RoutingTable table = new RoutingTable(HostBindings.of(Map.of("localhost", "127.0.0.1"), "0.0.0.0"));
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final ConnectionDecider uniform = new ConnectionDecider(new RateLimiter(), clock, ConnectionDecider.UNIFORM);

    // --- the table: the agent endpoint ep-1 (account acme) with a policy, and acme's internal endpoints ---------

    private static final String SVC = "tcp://svc.internal:8443";
    private static final String GUARDED = "tcp://guarded.internal:9000";
    private static final String SECRET_OF_OTHER_ACCOUNT = "tcp://secret.internal:5432";

    private static String forward(String url, String onError) {
        return "{type: forward-internal, config: {url: '" + url + "', on_error: " + onError + "}}";
    }

    static Stream<Arguments> policiesAndConnections() {
        String allowOffice = "on_tcp_connect: [{actions: [{type: restrict-ips, config: {allow: ['10.0.0.0/8', '2001:db8::/32']}}]}]";
        String denyLab = "on_tcp_connect: [{actions: [{type: restrict-ips, config: {deny: ['10.66.0.0/16']}}]}]";
        String portRule = "on_tcp_connect: [{expressions: ['conn.server_port == 20001'], actions: [{type: close-connection}]}]";
        String otherPortRule = "on_tcp_connect: [{expressions: ['conn.server_port == 1'], actions: [{type: deny}]}]";
        return Stream.of(
                // name, policy of ep-1, client IP, outcome
                Arguments.of("no policy", "", "203.0.113.7", "route ep-1"),
                Arguments.of("allow list, IPv4 in", allowOffice, "10.1.2.3", "route ep-1"),
                Arguments.of("allow list, IPv4 out", allowOffice, "192.168.1.1", "close restrict_ips"),
                Arguments.of("allow list, IPv6 in", allowOffice, "2001:db8::1", "route ep-1"),
                Arguments.of("allow list, IPv6 out", allowOffice, "2001:db9::1", "close restrict_ips"),
                Arguments.of("deny list, IPv4-mapped IPv6 client in it", denyLab, "::ffff:10.66.1.1", "close restrict_ips"),
                Arguments.of("deny list, IPv4 client outside", denyLab, "10.1.1.1", "route ep-1"),
                Arguments.of("deny", "on_tcp_connect: [{actions: [{type: deny}]}]", "10.1.2.3", "close deny"),
                Arguments.of("expression on the server port, matching", portRule, "10.1.2.3", "close close_connection"),
                Arguments.of("expression on the server port, not matching", otherPortRule, "10.1.2.3", "route ep-1"),
                Arguments.of("forward-internal to the account's internal endpoint",
                        "on_tcp_connect: [{actions: [" + forward(SVC, "halt") + "]}]", "10.1.2.3", "route ep-svc"),
                Arguments.of("forward-internal, IPv6 client",
                        "on_tcp_connect: [{actions: [" + forward(SVC, "halt") + "]}]", "2001:db8::7", "route ep-svc"),
                Arguments.of("forward-internal to another account's internal endpoint: unknown here",
                        "on_tcp_connect: [{actions: [" + forward(SECRET_OF_OTHER_ACCOUNT, "halt") + "]}]", "10.1.2.3",
                        "close forward_target_offline"),
                Arguments.of("forward-internal to an offline endpoint, on_error halt",
                        "on_tcp_connect: [{actions: [" + forward("tcp://gone.internal:1", "halt") + "]}]", "10.1.2.3",
                        "close forward_target_offline"),
                Arguments.of("forward-internal to an offline endpoint, on_error continue, then deny",
                        "on_tcp_connect:\n  - actions: [" + forward("tcp://gone.internal:1", "continue") + "]\n"
                                + "  - actions: [{type: deny}]", "10.1.2.3", "close deny"),
                Arguments.of("forward-internal to an offline endpoint, on_error continue, then nothing: own upstream",
                        "on_tcp_connect: [{actions: [" + forward("tcp://gone.internal:1", "continue") + "]}]", "10.1.2.3",
                        "route ep-1"),
                Arguments.of("forward-internal to an endpoint whose own policy allows the client",
                        "on_tcp_connect: [{actions: [" + forward(GUARDED, "halt") + "]}]", "10.0.0.5", "route ep-guarded"),
                Arguments.of("forward-internal to an endpoint whose own policy refuses the client",
                        "on_tcp_connect: [{actions: [" + forward(GUARDED, "halt") + "]}]", "192.0.2.1",
                        "close restrict_ips"),
                Arguments.of("forward-internal, IPv6 client refused by the target's own policy",
                        "on_tcp_connect: [{actions: [" + forward(GUARDED, "halt") + "]}]", "2001:db8::9",
                        "close restrict_ips"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policiesAndConnections")
    void decidesEachConnectionByThePoliciesOfItsEndpointAndOfTheInternalEndpointsItForwardsTo(
            String name, String policy, String clientIp, String expected) {
        // Given ep-1 with the policy, acme's internal endpoints, and another account's internal endpoint
        table.replaceAddresses(List.of(address("a1", 20001, "acme")));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(
                agent("ep-1", "tcp://localhost:20001", "acme").setTrafficPolicy(policy).build(),
                internal("ep-svc", SVC, "acme").build(),
                internal("ep-guarded", GUARDED, "acme")
                        .setTrafficPolicy("on_tcp_connect: [{actions: [{type: restrict-ips, config: {allow: ['10.0.0.0/8']}}]}]")
                        .build(),
                internal("ep-secret", SECRET_OF_OTHER_ACCOUNT, "other").build()));
        table.replaceCloudEndpoints(List.of());

        // When a client connects from clientIp
        Admission admission = uniform.decide(table.routes(), AGENT_PORT, connection(clientIp, 20001));

        // Then
        assertEquals(expected, outcome(admission), name);
    }

    // --- cloud endpoints --------------------------------------------------------------------------------------

    @Test
    void shouldForwardACloudEndpointsConnectionToTheInternalEndpointOfItsAccount() {
        // Given the reference's CloudEndpoint (with its on_http_request) and the internal agent endpoint it names
        servesCloudEndpoints();

        // When a client connects to the cloud endpoint's address
        Admission admission = uniform.decide(table.routes(), CLOUD_PORT, connection("198.51.100.4", 20002));

        // Then it is carried to the internal endpoint, through its bridge, and the decision says so
        Admission.Route route = assertInstanceOf(Admission.Route.class, admission);
        assertEquals("cep-1", route.entry().id());
        assertEquals("ep-svc", route.target().id());
        assertEquals("bridge-a:7200", route.target().agent().bridgeTarget());
        assertEquals(Decision.Outcome.FORWARD_INTERNAL, route.decision().outcome());
        assertEquals(SVC, route.decision().forwardUrl());
        assertEquals(List.of("ep-svc"), RoutingTableTest.ids(route.hops()));
    }

    @Test
    void shouldNotReachAnInternalEndpointFromAnotherAccountsCloudEndpoint() {
        // Given a cloud endpoint of account "other" naming acme's internal endpoint
        servesCloudEndpoints();

        // When a client connects to it
        Admission admission = uniform.decide(table.routes(), OTHER_ACCOUNTS_CLOUD_PORT, connection("198.51.100.4", 20003));

        // Then acme's endpoint does not exist for it: closed, as for an offline target
        assertEquals("close forward_target_offline", outcome(admission));
    }

    @Test
    void shouldNeverReachAnInternalEndpointDirectly() {
        // Given internal endpoints online
        servesCloudEndpoints();

        // Then no listener exists for them: a client can only arrive on a public address
        Routes routes = table.routes();
        assertTrue(routes.listeners().values().stream()
                .allMatch(l -> l.pool().served().stream().noneMatch(m -> m.url().contains(".internal"))));
        assertEquals(Set.of(new BindAddress("127.0.0.1", 20002), new BindAddress("127.0.0.1", 20003)),
                routes.listeners().keySet());
    }

    // --- pooling -------------------------------------------------------------------------------------------

    @Test
    void shouldGiveConnectionsToEveryMemberOfAPooledUrl() {
        // Given three agent endpoints on one URL, all pooled, on two bridges
        table.replaceAddresses(List.of(address("a1", 20001, "acme")));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(
                agent("ep-a", "tcp://localhost:20001", "acme").setPoolingEnabled(true).setBoundAtUnixMillis(100).build(),
                agent("ep-b", "tcp://localhost:20001", "acme").setPoolingEnabled(true).setBoundAtUnixMillis(200).build()));
        table.replaceBridgeEndpoints("bridge-b:7200", "bridge-b", List.of(
                agent("ep-c", "tcp://localhost:20001", "acme").setPoolingEnabled(true).setBoundAtUnixMillis(300).build()));
        table.replaceCloudEndpoints(List.of());
        Routes routes = table.routes();

        // When the random source names each index in turn
        ConnectionDecider roundRobin = new ConnectionDecider(new RateLimiter(), clock, sequence());
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            targets.add(outcome(roundRobin.decide(routes, AGENT_PORT, connection("10.0.0.1", 20001))));
        }

        // Then each member got one connection
        assertEquals(List.of("route ep-a", "route ep-b", "route ep-c"), targets);

        // and with the real (uniform) source, 300 connections reach all of them (missing one: p < 1e-50)
        Set<String> reached = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            reached.add(outcome(uniform.decide(routes, AGENT_PORT, connection("10.0.0.1", 20001))));
        }
        assertEquals(Set.of("route ep-a", "route ep-b", "route ep-c"), reached);
        assertTrue(routes.poolConflicts().isEmpty());
    }

    @Test
    void shouldServeOnlyTheEarliestMemberWhenNotEveryMemberEnabledPooling() {
        // Given a URL whose second-bound member did not enable pooling, and a pooled cloud endpoint created last
        table.replaceAddresses(List.of(address("a1", 20001, "acme")));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(
                agent("ep-late", "tcp://localhost:20001", "acme").setPoolingEnabled(true).setBoundAtUnixMillis(200).build(),
                agent("ep-first", "tcp://localhost:20001", "acme").setPoolingEnabled(true).setBoundAtUnixMillis(100).build(),
                agent("ep-solo", "tcp://localhost:20001", "acme").setPoolingEnabled(false).setBoundAtUnixMillis(150).build()));
        table.replaceCloudEndpoints(List.of(cloud("cep-1", "tcp://localhost:20001", "acme",
                "on_tcp_connect: [{actions: [{type: deny}]}]").setPoolingEnabled(true).setCreatedAt(millis(300)).build()));
        Routes routes = table.routes();

        // When clients connect, whatever the random source says
        ConnectionDecider roundRobin = new ConnectionDecider(new RateLimiter(), clock, sequence());
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            targets.add(outcome(roundRobin.decide(routes, AGENT_PORT, connection("10.0.0.1", 20001))));
        }

        // Then only the earliest member gets them, and the others are reported
        assertEquals(Set.of("route ep-first"), targets);
        assertEquals(List.of(new PoolConflict("tcp://localhost:20001", "ep-first", List.of("ep-solo", "ep-late", "cep-1"))),
                routes.poolConflicts());
        assertEquals(Set.of("ep-first"), routes.liveEndpointIds());
    }

    @Test
    void shouldPoolACloudEndpointWithAgentEndpointsAtTheSameUrl() {
        // Given a pooled agent endpoint and a pooled cloud endpoint (which forwards) on one URL
        servesCloudEndpoints();
        table.endpointOnline("bridge-a:7200",
                agent("ep-direct", "tcp://localhost:20002", "acme").setPoolingEnabled(true).setBoundAtUnixMillis(50).build());
        Routes routes = table.routes();

        // When the random source names each index in turn
        ConnectionDecider roundRobin = new ConnectionDecider(new RateLimiter(), clock, sequence());
        Admission first = roundRobin.decide(routes, CLOUD_PORT, connection("10.0.0.1", 20002));
        Admission second = roundRobin.decide(routes, CLOUD_PORT, connection("10.0.0.1", 20002));

        // Then one goes straight to the agent endpoint, the other through the cloud endpoint's forward
        assertEquals("route ep-direct", outcome(first));
        assertEquals("cep-1", second.entry().id());
        assertEquals("route ep-svc", outcome(second));
    }

    @Test
    void shouldCarryAForwardedConnectionToTheVeryInternalMemberWhosePolicyDecidedIt() {
        // Given a pooled internal URL whose two members have different policies
        table.replaceAddresses(List.of(address("a1", 20001, "acme")));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(
                agent("ep-1", "tcp://localhost:20001", "acme")
                        .setTrafficPolicy("on_tcp_connect: [{actions: [" + forward(SVC, "halt") + "]}]").build(),
                internal("ep-svc-deny", SVC, "acme").setPoolingEnabled(true).setBoundAtUnixMillis(1)
                        .setTrafficPolicy("on_tcp_connect: [{actions: [{type: deny}]}]").build(),
                internal("ep-svc-open", SVC, "acme").setPoolingEnabled(true).setBoundAtUnixMillis(2).build()));
        table.replaceCloudEndpoints(List.of());
        Routes routes = table.routes();
        ConnectionDecider roundRobin = new ConnectionDecider(new RateLimiter(), clock, sequence());

        // When the resolver picks the first member, then the second
        Admission denied = roundRobin.decide(routes, AGENT_PORT, connection("10.0.0.1", 20001));
        Admission carried = roundRobin.decide(routes, AGENT_PORT, connection("10.0.0.1", 20001));

        // Then each connection got the decision of the member picked, and went to that member
        assertEquals("close deny", outcome(denied));
        assertEquals(List.of("ep-svc-deny"), RoutingTableTest.ids(denied.hops()));
        assertEquals("route ep-svc-open", outcome(carried));
    }

    // --- the edge's own refusals --------------------------------------------------------------------------

    @Test
    void shouldCloseEveryConnectionWhileNotInSyncWithThePolicyEngine() {
        // Given an endpoint without a policy, and no snapshot from the policy-engine yet
        table.replaceAddresses(List.of(address("a1", 20001, "acme")));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(agent("ep-1", "tcp://localhost:20001", "acme").build()));

        // Then its clients are closed, though it is listened on
        assertEquals("close policy_engine_unavailable", outcome(uniform.decide(table.routes(), AGENT_PORT, connection("10.0.0.1", 20001))));

        // When the snapshot arrives, they pass; when the watch breaks, they are closed again
        table.replaceCloudEndpoints(List.of());
        assertEquals("route ep-1", outcome(uniform.decide(table.routes(), AGENT_PORT, connection("10.0.0.1", 20001))));
        table.cloudEndpointsLost();
        assertEquals("close policy_engine_unavailable", outcome(uniform.decide(table.routes(), AGENT_PORT, connection("10.0.0.1", 20001))));
    }

    @Test
    void shouldCloseTheConnectionsOfAnEndpointWhosePolicyDoesNotCompile() {
        // Given an endpoint whose policy names an action that does not exist (the bridge should have refused it)
        table.replaceAddresses(List.of(address("a1", 20001, "acme")));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(agent("ep-1", "tcp://localhost:20001", "acme")
                .setTrafficPolicy("on_tcp_connect: [{actions: [{type: teleport}]}]").build()));
        table.replaceCloudEndpoints(List.of());

        // When a client connects, then it is closed, saying why
        Admission.Refuse refused = assertInstanceOf(Admission.Refuse.class,
                uniform.decide(table.routes(), AGENT_PORT, connection("10.0.0.1", 20001)));
        assertEquals("policy_invalid", refused.reason());
        assertTrue(refused.detail().contains("teleport"), refused.detail());
        assertNull(refused.decision());
    }

    @Test
    void shouldCloseAClientThatArrivedWhereNothingIsServed() {
        table.replaceCloudEndpoints(List.of());
        Admission admission = uniform.decide(table.routes(), AGENT_PORT, connection("10.0.0.1", 20001));
        assertEquals("close no_endpoint", outcome(admission));
        assertNull(admission.entry());
    }

    @Test
    void shouldCloseTheConnectionOverTheRateLimitWithTheEdgesSharedLimiter() {
        // Given a policy allowing one new connection per minute per client IP
        table.replaceAddresses(List.of(address("a1", 20001, "acme")));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(agent("ep-1", "tcp://localhost:20001", "acme")
                .setTrafficPolicy("on_tcp_connect: [{actions: [{type: rate-limit, config: {capacity: 1, rate: 60s,"
                        + " bucket_key: ['conn.client_ip']}}]}]").build()));
        table.replaceCloudEndpoints(List.of());
        Routes routes = table.routes();

        // When one client connects twice, and another once (the clock stands still)
        String first = outcome(uniform.decide(routes, AGENT_PORT, connection("10.0.0.1", 20001)));
        String second = outcome(uniform.decide(routes, AGENT_PORT, connection("10.0.0.1", 20001)));
        String other = outcome(uniform.decide(routes, AGENT_PORT, connection("10.0.0.2", 20001)));

        // Then the second connection of the first client is over the limit
        assertEquals(List.of("route ep-1", "close rate_limit", "route ep-1"), List.of(first, second, other));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** acme's internal endpoints, a cloud endpoint of acme forwarding to one, and one of "other" naming it too. */
    private void servesCloudEndpoints() {
        table.replaceAddresses(List.of(address("a2", 20002, "acme"), address("a3", 20003, "other")));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(internal("ep-svc", SVC, "acme").build()));
        String referenceExample = """
                on_http_request:
                  - actions:
                      - type: forward-internal
                        config:
                          url: tcp://svc.internal:8443
                """;
        table.replaceCloudEndpoints(List.of(
                cloud("cep-1", "tcp://localhost:20002", "acme", referenceExample).setPoolingEnabled(true)
                        .setCreatedAt(millis(100)).build(),
                cloud("cep-other", "tcp://localhost:20003", "other", referenceExample).build()));
    }

    /** An index source that names 0, 1, 2... in turn (modulo the bound). */
    private static IntUnaryOperator sequence() {
        AtomicInteger next = new AtomicInteger();
        return bound -> next.getAndIncrement() % bound;
    }

    static String outcome(Admission admission) {
        return admission instanceof Admission.Route route ? "route " + route.target().id()
                : "close " + ((Admission.Refuse) admission).reason();
    }

    static ConnectionFacts connection(String clientIp, int serverPort) {
        return ConnectionFacts.of(clientIp, 40000, clientIp.contains(":") ? "::1" : "127.0.0.1", serverPort,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    static Address address(String id, int port, String account) {
        return Address.newBuilder().setId(id).setHost("localhost").setPort(port).setAccount(account).build();
    }

    static Endpoint.Builder agent(String id, String url, String account) {
        PublicAddress at = RoutingTable.publicAddressOf(url);
        return Endpoint.newBuilder().setId(id).setUrl(url).setHost(at.host()).setPort(at.port()).setAccount(account);
    }

    static Endpoint.Builder internal(String id, String url, String account) {
        return agent(id, url, account).setInternal(true);
    }

    static CloudEndpoint.Builder cloud(String id, String url, String account, String policy) {
        return CloudEndpoint.newBuilder().setId(id).setUrl(url).setAccount(account).setTrafficPolicy(policy);
    }

    static Timestamp millis(long millis) {
        return Timestamp.newBuilder().setSeconds(millis / 1000).setNanos((int) (millis % 1000) * 1_000_000).build();
    }
}
