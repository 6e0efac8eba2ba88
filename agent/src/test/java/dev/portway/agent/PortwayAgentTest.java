package dev.portway.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.BindRequest;
import dev.portway.api.v1.BindResponse;
import dev.portway.api.v1.Error;
import dev.portway.api.v1.PolicyIssue;
import dev.portway.api.v1.ConnectionFailed;
import dev.portway.api.v1.UnbindRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent against a real gRPC test bridge, a real data listener and real upstream sockets. */
class PortwayAgentTest {

    private TestBridge bridge;
    private TestUpstream upstream;
    private RecordingListener events;
    private PortwayAgent agent;

    @BeforeEach
    void setUp() throws Exception {
        bridge = new TestBridge();
        upstream = TestUpstream.echo();
        events = new RecordingListener();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        upstream.close();
        bridge.close();
    }

    private PortwayAgent.Builder agentFor(String bridgeAddress) {
        return PortwayAgent.builder()
                .bridge(bridgeAddress)
                .authtoken(TestBridge.AUTHTOKEN)
                .listener(events)
                // Small delays keep reconnect tests short; nothing asserts on them.
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    private PortwayAgent startedAgent() throws Exception {
        agent = agentFor(bridge.address()).build();
        await(agent.start());
        return agent;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(TestBridge.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> future.get(TestBridge.WAIT_SECONDS, TimeUnit.SECONDS));
        return failed.getCause();
    }

    @Test
    void shouldFailStartWhenAuthtokenIsRefused() throws Exception {
        // Given an agent with an authtoken the bridge does not know
        agent = agentFor(bridge.address()).authtoken("wrong-token").build();

        // When it starts and binds
        CompletableFuture<SessionInfo> started = agent.start();
        CompletableFuture<BoundEndpoint> bound = agent.bind(EndpointSpec.of("tcp://", upstream.address()));

        // Then start fails for good with a message saying the authtoken was refused and how to set it
        Throwable cause = failureOf(started);
        assertInstanceOf(AuthtokenRefusedException.class, cause);
        assertTrue(cause.getMessage().contains("refused the authtoken"), cause.getMessage());
        assertTrue(cause.getMessage().contains("PORTWAY_AUTHTOKEN"), cause.getMessage());
        assertFalse(cause.getMessage().contains("wrong-token"), "the token must never be shown");
        // and the bind fails with it, and the agent does not retry
        assertInstanceOf(AuthtokenRefusedException.class, failureOf(bound));
        events.await("fatal ");
        assertTrue(events.all().stream().noneMatch(e -> e.startsWith("reconnecting")), events.all().toString());
        assertEquals(1, bridge.connectCalls.get());
    }

    @Test
    void shouldFailStartWhenServerIsNotABridge() throws Exception {
        // Given a gRPC server that does not serve AgentSessionService
        try (var notABridge = new EmptyGrpcServer()) {
            agent = agentFor(notABridge.address()).build();

            // When the agent starts
            Throwable cause = failureOf(agent.start());

            // Then it stops with an error pointing at the bridge address
            assertInstanceOf(PortwayException.class, cause);
            assertTrue(cause.getMessage().contains("not a Portway bridge"), cause.getMessage());
        }
    }

    @Test
    void shouldCompleteBindWithEndpointFromBridge() throws Exception {
        // Given a started agent
        startedAgent();

        // When it binds an ephemeral endpoint with a description and metadata
        BoundEndpoint endpoint = await(agent.bind(EndpointSpec.builder()
                .upstream(upstream.address())
                .description("postgres")
                .metadata(Map.of("team", "data"))
                .build()));

        // Then the bridge got the request as the agent was asked, and the future holds its endpoint
        BindRequest request = bridge.nextBind();
        assertEquals("tcp://", request.getUrl());
        assertEquals("tcp://" + upstream.address(), request.getUpstreamUrl());
        assertEquals("postgres", request.getDescription());
        assertEquals(Map.of("team", "data"), request.getMetadataMap());
        assertEquals("tcp://localhost:21234", endpoint.url());
        assertEquals(21234, endpoint.port());
        assertEquals(List.of(endpoint), agent.endpoints());
        events.await("bound tcp://localhost:21234");
    }

    @Test
    void shouldFailBindWithBridgeError() throws Exception {
        // Given a bridge that refuses the URL
        bridge.binder = (session, request) -> TestBridge.refuse(request, "PERMISSION_DENIED", "url",
                "tcp://localhost:20001 belongs to another account; reserve an address of your own");
        startedAgent();

        // When the agent binds it
        Throwable cause = failureOf(agent.bind(EndpointSpec.of("tcp://localhost:20001", upstream.address())));

        // Then the bind fails with the bridge's code, field and message
        BindException refused = assertInstanceOf(BindException.class, cause);
        assertEquals("PERMISSION_DENIED", refused.code());
        assertEquals("url", refused.field());
        assertTrue(refused.getMessage().startsWith("tcp://localhost:20001 belongs to another account"));
        assertTrue(agent.endpoints().isEmpty());
    }

    @Test
    void shouldCarryConnectionToUpstreamOnOpenConnection() throws Exception {
        // Given a bound endpoint
        startedAgent();
        BoundEndpoint endpoint = await(agent.bind(EndpointSpec.of("tcp://", upstream.address())));
        TestBridge.Session session = bridge.nextSession();

        // When the bridge asks for a connection
        session.openConnection("c1", endpoint.id(), "secret-1");

        // Then the agent dials back with the connection's id and token, and bytes round-trip the upstream
        TestBridge.DataConnection data = TestBridge.take(bridge.dataConnections, "a data connection");
        assertEquals("c1", data.preamble.getAgentAccept().getConnectionId());
        assertEquals("secret-1", data.preamble.getAgentAccept().getToken());
        data.write("hello through the tunnel");
        assertEquals("hello through the tunnel", data.read("hello through the tunnel".length()));
    }

    @Test
    void shouldWriteExactlyOnePreambleAheadOfTheBytesOnEveryConnection() throws Exception {
        // Given a bound endpoint (the agent dials upstream and edge at once; a second preamble would
        // reach the client as data, which happened when both dials finished before their listeners
        // were added, a race that shows within a few hundred loopback connections)
        startedAgent();
        BoundEndpoint endpoint = await(agent.bind(EndpointSpec.of("tcp://", upstream.address())));
        TestBridge.Session session = bridge.nextSession();

        for (int i = 0; i < 300; i++) {
            // When the bridge asks for a connection
            session.openConnection("c" + i, endpoint.id(), "t" + i);

            // Then the data connection carries its preamble and then only the upstream's bytes
            TestBridge.DataConnection data = TestBridge.take(bridge.dataConnections, "data connection " + i);
            assertEquals("c" + i, data.preamble.getAgentAccept().getConnectionId());
            String message = "message " + i;
            data.write(message);
            assertEquals(message, data.read(message.length()), "connection " + i);
            data.channel.close();
        }
    }

    @Test
    void shouldDeliverUpstreamBytesWhenUpstreamSpeaksFirst() throws Exception {
        // Given an endpoint whose upstream greets every connection before reading anything
        try (TestUpstream greeter = TestUpstream.greetingWith("220 ready\r\n")) {
            startedAgent();
            BoundEndpoint endpoint = await(agent.bind(EndpointSpec.of("tcp://", greeter.address())));

            // When a connection is opened and the client says nothing
            bridge.nextSession().openConnection("c1", endpoint.id(), "t");

            // Then the preamble and the greeting both reach the bridge
            TestBridge.DataConnection data = TestBridge.take(bridge.dataConnections, "a data connection");
            assertEquals("c1", data.preamble.getAgentAccept().getConnectionId());
            assertEquals("220 ready\r\n", data.read("220 ready\r\n".length()));
        }
    }

    @Test
    void shouldReportUpstreamRefusalToBridgeAndEdge() throws Exception {
        // Given an endpoint whose upstream port has nothing listening
        startedAgent();
        String refusing = "127.0.0.1:" + TestUpstream.closedPort();
        BoundEndpoint endpoint = await(agent.bind(EndpointSpec.of("tcp://", refusing)));

        // When the bridge asks for a connection
        bridge.nextSession().openConnection("c7", endpoint.id(), "t");

        // Then the agent answers connection_failed naming the upstream
        ConnectionFailed failed = TestBridge.take(bridge.connectionFailures, "connection_failed");
        assertEquals("c7", failed.getConnectionId());
        assertTrue(failed.getReason().contains(refusing) && failed.getReason().contains("refused"),
                failed.getReason());
        // And tells the edge the same on a data connection that carries nothing else
        TestBridge.DataConnection told = TestBridge.take(bridge.dataConnections, "data connection");
        assertEquals("c7", told.preamble.getAgentAccept().getConnectionId());
        assertEquals("t", told.preamble.getAgentAccept().getToken());
        assertTrue(told.preamble.getAgentAccept().getError().contains("refused"), told.preamble.toString());
    }

    @Test
    void shouldReportConnectionFailedForUnknownEndpoint() throws Exception {
        // Given a started agent with no endpoint
        startedAgent();

        // When the bridge asks for a connection to an endpoint it does not hold
        bridge.nextSession().openConnection("c9", "ep-unknown", "t");

        // Then the agent refuses it
        ConnectionFailed failed = TestBridge.take(bridge.connectionFailures, "connection_failed");
        assertEquals("c9", failed.getConnectionId());
        assertTrue(failed.getReason().contains("ep-unknown"), failed.getReason());
    }

    @Test
    void shouldReconnectAndRebindAfterSessionDrops() throws Exception {
        // Given an endpoint first bound as tcp://, which got a concrete URL
        startedAgent();
        BoundEndpoint first = await(agent.bind(EndpointSpec.of("tcp://", upstream.address())));
        TestBridge.Session firstSession = bridge.nextSession();
        assertEquals("tcp://", bridge.nextBind().getUrl());

        // When the bridge drops the session
        firstSession.drop();

        // Then the agent reports it, reconnects, and binds the endpoint again with its concrete URL
        assertTrue(events.await("disconnected ").contains("bridge restarting"));
        events.await("reconnecting 1");
        TestBridge.Session secondSession = bridge.nextSession();
        events.await("connected " + secondSession.id);
        assertEquals(first.url(), bridge.nextBind().getUrl());
        events.await("bound " + first.url());
        // and connections on the new session reach the upstream
        BoundEndpoint again = agent.endpoints().get(0);
        secondSession.openConnection("c2", again.id(), "t2");
        TestBridge.DataConnection data = TestBridge.take(bridge.dataConnections, "a data connection");
        data.write("ping");
        assertEquals("ping", data.read(4));
        // and the first id still names the endpoint
        await(agent.unbind(first.id()));
        assertEquals(again.id(), TestBridge.take(bridge.unbinds, "an unbind").getEndpointId());
    }

    @Test
    void shouldBindNewEphemeralAddressWhenOldLeaseIsGone() throws Exception {
        // Given an ephemeral endpoint, and a bridge that no longer knows its address after a restart
        startedAgent();
        BoundEndpoint first = await(agent.bind(EndpointSpec.of("tcp://", upstream.address())));
        TestBridge.Session firstSession = bridge.nextSession();
        bridge.nextBind();
        bridge.binder = (session, request) -> request.getUrl().equals(first.url())
                ? TestBridge.refuse(request, "NOT_FOUND", "url", first.url() + " is not reserved")
                : bridge.grant(session, request);

        // When the session drops and the agent comes back
        firstSession.drop();

        // Then it asks for its old URL, is refused, binds tcp:// and reports the new URL
        bridge.nextSession();
        assertEquals(first.url(), bridge.nextBind().getUrl());
        assertEquals("tcp://", bridge.nextBind().getUrl());
        String changed = events.await("url changed ");
        assertEquals("url changed " + first.url() + " -> tcp://localhost:21235", changed);
    }

    @Test
    void shouldRetryRebindWhileBridgeStillHoldsOldSession() throws Exception {
        // Given a reserved endpoint, and a bridge that at first still sees it online after a reconnect
        startedAgent();
        await(agent.bind(EndpointSpec.of("tcp://localhost:20005", upstream.address())));
        TestBridge.Session firstSession = bridge.nextSession();
        bridge.nextBind();
        bridge.binder = (session, request) -> {
            bridge.binder = bridge::grant; // only the first attempt is refused
            return TestBridge.refuse(request, "ALREADY_EXISTS", "url", "tcp://localhost:20005 is online");
        };

        // When the session drops
        firstSession.drop();

        // Then the agent binds again until the bridge grants it
        bridge.nextSession();
        assertEquals("tcp://localhost:20005", bridge.nextBind().getUrl());
        assertEquals("tcp://localhost:20005", bridge.nextBind().getUrl());
        events.await("bound tcp://localhost:20005");
        events.await("bound tcp://localhost:20005");
    }

    @Test
    void shouldDetectDeadBridgeByHeartbeatTimeout() throws Exception {
        // Given a bridge that accepts with short heartbeats and then goes silent
        bridge.heartbeatIntervalMillis = 20;
        bridge.heartbeatTimeoutMillis = 200;
        bridge.answerHeartbeats = false;
        startedAgent();

        // When nothing comes from it for the timeout
        // Then the agent ends the session itself and connects again
        assertTrue(events.await("disconnected ").contains("heartbeat timeout"), events.all().toString());
        bridge.nextSession();
        bridge.nextSession();
    }

    @Test
    void shouldSendHeartbeatsWhileConnected() throws Exception {
        // Given a bridge asking for frequent heartbeats
        bridge.heartbeatIntervalMillis = 20;
        bridge.heartbeatTimeoutMillis = 10_000;

        // When the agent is connected
        startedAgent();

        // Then heartbeats keep arriving, and the session stays up
        for (int i = 0; i < 3; i++) {
            assertTrue(TestBridge.take(bridge.heartbeats, "a heartbeat").getSentAtUnixNanos() > 0);
        }
        assertTrue(events.all().stream().noneMatch(e -> e.startsWith("disconnected")), events.all().toString());
    }

    @Test
    void shouldKeepRetryingUntilBridgeComesUp() throws Exception {
        // Given no bridge at the agent's address yet
        int port = TestUpstream.closedPort();
        agent = agentFor("127.0.0.1:" + port).build();
        CompletableFuture<SessionInfo> started = agent.start();
        CompletableFuture<BoundEndpoint> bound = agent.bind(EndpointSpec.of("tcp://", upstream.address()));
        events.await("reconnecting 1");
        events.await("reconnecting 2");

        // When the bridge starts there
        try (TestBridge late = new TestBridge(port)) {
            // Then the agent connects and the bind it was given goes through
            assertEquals("acme", await(started).account());
            assertEquals("tcp://localhost:21234", await(bound).url());
        }
    }

    @Test
    void shouldUnbindEveryEndpointOnClose() throws Exception {
        // Given two bound endpoints
        startedAgent();
        BoundEndpoint a = await(agent.bind(EndpointSpec.of("tcp://", upstream.address())));
        BoundEndpoint b = await(agent.bind(EndpointSpec.of("tcp://localhost:20002", upstream.address())));

        // When the agent closes
        agent.close();

        // Then the bridge received an unbind for each, and the agent refuses new binds
        UnbindRequest first = TestBridge.take(bridge.unbinds, "an unbind");
        UnbindRequest second = TestBridge.take(bridge.unbinds, "an unbind");
        assertEquals(List.of(a.id(), b.id()), List.of(first.getEndpointId(), second.getEndpointId()));
        assertInstanceOf(PortwayException.class, failureOf(agent.bind(EndpointSpec.of("tcp://", upstream.address()))));
    }

    @Test
    void shouldStopBindingEndpointAgainAfterUnbind() throws Exception {
        // Given two endpoints, one of them unbound
        startedAgent();
        BoundEndpoint kept = await(agent.bind(EndpointSpec.of("tcp://localhost:20003", upstream.address())));
        BoundEndpoint dropped = await(agent.bind(EndpointSpec.of("tcp://localhost:20004", upstream.address())));
        TestBridge.Session firstSession = bridge.nextSession();
        await(agent.unbind(dropped.id()));
        bridge.binds.clear();

        // When the session drops and comes back
        firstSession.drop();
        TestBridge.Session secondSession = bridge.nextSession();

        // Then only the kept endpoint is bound again
        assertEquals(kept.url(), bridge.nextBind().getUrl());
        events.await("connected " + secondSession.id);
        events.await("bound " + kept.url());
        assertEquals(List.of(kept.url()), agent.endpoints().stream().map(BoundEndpoint::url).toList());
    }

    @Test
    void shouldFailUnbindOfUnknownId() throws Exception {
        // Given a started agent
        startedAgent();

        // When an id it never had is unbound
        Throwable cause = failureOf(agent.unbind("ep-nope"));

        // Then the error names it
        assertInstanceOf(IllegalArgumentException.class, cause);
        assertTrue(cause.getMessage().contains("ep-nope"), cause.getMessage());
    }

    private static final String POLICY = """
            on_tcp_connect:
              - actions:
                  - type: restrict-ips
                    config: { allow: ["127.0.0.0/8"] }
            """;

    @Test
    void shouldSendTrafficPolicyAndPoolingOnBindAndEveryRebind() throws Exception {
        // Given an agent that binds an internal URL with a policy and pooling
        startedAgent();
        BoundEndpoint first = await(agent.bind(EndpointSpec.builder()
                .url("tcp://db.internal:5432")
                .upstream(upstream.address())
                .poolingEnabled(true)
                .trafficPolicy(POLICY)
                .build()));
        TestBridge.Session firstSession = bridge.nextSession();

        // Then the first bind carries the policy text as given, and pooling
        BindRequest initial = bridge.nextBind();
        assertEquals("tcp://db.internal:5432", initial.getUrl());
        assertEquals(POLICY, initial.getTrafficPolicy());
        assertTrue(initial.getPoolingEnabled());
        assertEquals("db.internal", first.host());

        // When the session drops and the agent comes back
        firstSession.drop();
        bridge.nextSession();

        // Then the re-bind carries them again
        BindRequest rebind = bridge.nextBind();
        assertEquals("tcp://db.internal:5432", rebind.getUrl());
        assertEquals(POLICY, rebind.getTrafficPolicy());
        assertTrue(rebind.getPoolingEnabled());
    }

    @Test
    void shouldSendNoTrafficPolicyWhenNoneGiven() throws Exception {
        // Given a started agent
        startedAgent();

        // When it binds without a policy
        BoundEndpoint endpoint = await(agent.bind(EndpointSpec.of("tcp://", upstream.address())));

        // Then the request carries none, and the endpoint has no warnings
        BindRequest request = bridge.nextBind();
        assertEquals("", request.getTrafficPolicy());
        assertFalse(request.getPoolingEnabled());
        assertTrue(endpoint.policyWarnings().isEmpty());
    }

    @Test
    void shouldReportPolicyWarningsOnBoundEndpoint() throws Exception {
        // Given a bridge that accepts the policy with a warning
        PolicyIssue warning = PolicyIssue.newBuilder()
                .setSeverity(PolicyIssue.Severity.WARNING)
                .setPhase("on_http_request")
                .setRuleIndex(-1)
                .setActionIndex(-1)
                .setPath("on_http_request")
                .setMessage("on_http_request is applied at on_tcp_connect on a tcp:// endpoint")
                .build();
        bridge.binder = (session, request) -> bridge.grantWithWarnings(session, request, List.of(warning));
        startedAgent();

        // When the agent binds with that policy
        BoundEndpoint endpoint = await(agent.bind(EndpointSpec.builder()
                .upstream(upstream.address())
                .trafficPolicy("on_http_request: []")
                .build()));

        // Then the bound endpoint carries the warning
        assertEquals(List.of(warning), endpoint.policyWarnings());
        assertEquals("on_http_request: []", endpoint.spec().trafficPolicy());
    }

    @Test
    void shouldFailBindWithPolicyErrorsFromBridge() throws Exception {
        // Given a bridge that refuses the policy with two errors
        PolicyIssue badCel = PolicyIssue.newBuilder()
                .setSeverity(PolicyIssue.Severity.ERROR)
                .setPhase("on_tcp_connect").setRuleIndex(0).setActionIndex(-1)
                .setField("expressions[0]").setExpression("conn.client_ip ==")
                .setLine(1).setColumn(18)
                .setPath("on_tcp_connect[0].expressions[0]")
                .setMessage("Syntax error: mismatched input '<EOF>'")
                .build();
        PolicyIssue unknownAction = PolicyIssue.newBuilder()
                .setSeverity(PolicyIssue.Severity.ERROR)
                .setPhase("on_tcp_connect").setRuleIndex(0).setActionIndex(0)
                .setField("type")
                .setPath("on_tcp_connect[0].actions[0].type")
                .setMessage("unknown action 'teleport'")
                .build();
        bridge.binder = (session, request) -> BindResponse.newBuilder()
                .setRequestId(request.getRequestId())
                .setError(Error.newBuilder()
                        .setCode("INVALID_ARGUMENT")
                        .setField("traffic_policy")
                        .setMessage("traffic_policy: 2 errors")
                        .addPolicyErrors(badCel)
                        .addPolicyErrors(unknownAction))
                .build();
        startedAgent();

        // When the agent binds with that policy
        Throwable cause = failureOf(agent.bind(EndpointSpec.builder()
                .upstream(upstream.address())
                .trafficPolicy("whatever the bridge refuses")
                .build()));

        // Then the bind fails with the field and every error with its place
        BindException refused = assertInstanceOf(BindException.class, cause);
        assertEquals("INVALID_ARGUMENT", refused.code());
        assertEquals("traffic_policy", refused.field());
        assertEquals(List.of(badCel, unknownAction), refused.policyErrors());
        assertTrue(agent.endpoints().isEmpty());
    }

    @Test
    void shouldHaveNoPolicyErrorsOnOtherRefusals() throws Exception {
        // Given a bridge that refuses the URL
        bridge.binder = (session, request) -> TestBridge.refuse(request, "ALREADY_EXISTS", "url",
                "tcp://localhost:20001 is online");
        startedAgent();

        // When the agent binds it
        Throwable cause = failureOf(agent.bind(EndpointSpec.of("tcp://localhost:20001", upstream.address())));

        // Then the refusal carries no policy errors
        assertTrue(assertInstanceOf(BindException.class, cause).policyErrors().isEmpty());
    }
}
