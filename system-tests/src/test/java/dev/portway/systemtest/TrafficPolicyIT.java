package dev.portway.systemtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portway.api.v1.Address;
import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.PolicyEndpointKind;
import dev.portway.api.v1.PolicyIssue;
import dev.portway.api.v1.ValidatePolicyResponse;
import dev.portway.systemtest.support.AgentProcess;
import dev.portway.systemtest.support.AllocatorApi;
import dev.portway.systemtest.support.Clients;
import dev.portway.systemtest.support.EchoServer;
import dev.portway.systemtest.support.EdgeEvents;
import dev.portway.systemtest.support.PolicyApi;
import dev.portway.systemtest.support.PolicyFiles;
import dev.portway.systemtest.support.Probe;
import dev.portway.systemtest.support.ReferenceExample;
import dev.portway.systemtest.support.Suite;
import dev.portway.systemtest.support.Wait;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Traffic policies decide each connection at the edge: the reference's CloudEndpoint example,
 * restrict-ips, forward-internal to an offline target, rate-limit, and failing closed while the
 * policy-engine is down.
 */
class TrafficPolicyIT {

    private static final Duration SOON = Duration.ofSeconds(30);

    private static Suite suite;
    private static AllocatorApi alice;
    private static PolicyApi alicePolicies;
    private static String edgeIp;

    @BeforeAll
    static void start() {
        suite = Suite.start("policy", 1, 1);
        alice = suite.allocatorAs(suite.aliceToken);
        alicePolicies = suite.policyEngineAs(suite.aliceToken);
        edgeIp = suite.edge().bindIp();
    }

    @AfterAll
    static void stop() {
        if (alice != null) {
            alice.close();
        }
        if (alicePolicies != null) {
            alicePolicies.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    private static AgentProcess agentWithPolicy(int upstreamPort, String url, String policy) {
        return suite.agent(suite.aliceToken, suite.bridge(), upstreamPort, url,
                "--traffic-policy-file", PolicyFiles.write(policy).toString());
    }

    private static AgentProcess agent(int upstreamPort, String url) {
        return suite.agent(suite.aliceToken, suite.bridge(), upstreamPort, url);
    }

    @Test
    void shouldCarryBytesFromReferenceCloudEndpointToItsInternalAgentEndpointAndWarnAboutHttpPhase() throws Exception {
        // Given the reference's AgentEndpoint: Alice's agent binds tcp://example-service.internal:8443 to an echo server
        ReferenceExample reference = ReferenceExample.load();
        try (EchoServer service = new EchoServer();
                AgentProcess agent = agent(service.port(), reference.agentEndpointUrl())) {
            assertEquals("tcp://example-service.internal:8443", reference.agentEndpointUrl());
            assertEquals(reference.agentEndpointUrl(), agent.awaitUrl());
            // And the reference's CloudEndpoint policy, unchanged: forward-internal under on_http_request
            String policy = reference.cloudEndpointPolicy();
            assertTrue(policy.contains("on_http_request") && policy.contains(reference.agentEndpointUrl()), policy);
            Address address = alice.reserve();

            // When Alice creates a cloud endpoint on her reserved address with that policy
            CloudEndpoint cloud = alicePolicies.createCloudEndpoint(AllocatorApi.url(address), policy);

            // Then it is stored with a warning that on_http_request rules run at on_tcp_connect
            assertTrue(warnsAboutHttpPhase(cloud.getPolicyWarningsList()), cloud.getPolicyWarningsList().toString());
            // And Validate says the same for a cloud endpoint: valid, with that warning
            ValidatePolicyResponse validation = alicePolicies.validate(policy, PolicyEndpointKind.POLICY_ENDPOINT_KIND_CLOUD);
            assertTrue(validation.getValid(), validation.toString());
            assertTrue(warnsAboutHttpPhase(validation.getWarningsList()), validation.toString());
            // And a client of the reserved address reaches the internal endpoint's echo server
            Wait.until("the cloud endpoint forwards to the internal endpoint", SOON,
                    () -> Probe.of(edgeIp, address.getPort()) == Probe.ECHOED);
            byte[] payload = new byte[256 * 1024];
            new Random(4).nextBytes(payload);
            try (Socket client = Clients.connect(edgeIp, address.getPort())) {
                client.getOutputStream().write(payload);
                client.shutdownOutput();
                assertArrayEquals(payload, Clients.readFully(client.getInputStream(), payload.length));
                assertEquals(-1, client.getInputStream().read(), "the upstream's FIN follows the bytes");
            }
            assertTrue(service.accepted() >= 2, "the bytes went through the agent's echo server");
        }
    }

    private static boolean warnsAboutHttpPhase(List<PolicyIssue> warnings) {
        return warnings.stream().anyMatch(w -> w.getSeverity() == PolicyIssue.Severity.WARNING
                && w.getMessage().contains("on_tcp_connect")
                && (w.getPhase().equals("on_http_request") || w.getMessage().contains("on_http_request")));
    }

    @Test
    void shouldCloseClientOutsideRestrictIpsAllowListAndLetAllowedClientThrough() {
        try (EchoServer service = new EchoServer()) {
            // Given an agent endpoint whose policy allows only 127.0.0.1
            Address address = alice.reserve();
            try (AgentProcess agent = agentWithPolicy(service.port(), AllocatorApi.url(address), """
                    on_tcp_connect:
                      - name: only the loopback address 127.0.0.1
                        actions:
                          - type: restrict-ips
                            config:
                              allow: ["127.0.0.1/32"]
                    """)) {
                agent.awaitUrl();
                Wait.until("a client from 127.0.0.1 is carried", SOON,
                        () -> Probe.from("127.0.0.1", edgeIp, address.getPort()) == Probe.ECHOED);
                int reachedUpstream = service.accepted();

                // When a client connects from source address 127.0.0.2
                Probe outsider = Probe.from("127.0.0.2", edgeIp, address.getPort());

                // Then its connection is closed without reaching the upstream
                assertEquals(Probe.CLOSED, outsider);
                assertEquals(reachedUpstream, service.accepted(), "a refused client must never reach the upstream");
                // And a client from 127.0.0.1 still gets through
                assertEquals(Probe.ECHOED, Probe.from("127.0.0.1", edgeIp, address.getPort()));
                // And the edge reports the closed connection as a structured event
                Wait.until("the edge logs tcp_connection_closed for the client from 127.0.0.2", SOON,
                        () -> EdgeEvents.read(suite.edge().process().log()).stream()
                                .anyMatch(e -> isClosedBy(e, "restrict_ips", "127.0.0.2", address.getPort())));
            }
        }
    }

    private static boolean isClosedBy(JsonNode event, String closeReason, String clientIp, int serverPort) {
        return "tcp_connection_closed".equals(event.path("event").asText())
                && clientIp.equals(event.path("client_ip").asText())
                && serverPort == event.path("server_port").asInt()
                && "close".equals(event.path("decision").asText())
                && closeReason.equals(event.path("close_reason").asText());
    }

    @Test
    void shouldCloseWhenForwardTargetIsOfflineAndOnErrorIsHalt() {
        // Given a cloud endpoint that forwards to an internal endpoint nobody has bound, with on_error: halt
        String target = "tcp://halt-target.internal:9001";
        Address address = alice.reserve();
        alicePolicies.createCloudEndpoint(AllocatorApi.url(address), """
                on_tcp_connect:
                  - actions:
                      - type: forward-internal
                        config:
                          url: "%s"
                          on_error: halt
                """.formatted(target));
        Wait.until("the edge listens on the cloud endpoint's address", SOON,
                () -> Clients.accepts(edgeIp, address.getPort()));

        // When a client connects, Then it is closed
        assertEquals(Probe.CLOSED, Probe.of(edgeIp, address.getPort()));

        try (EchoServer service = new EchoServer()) {
            // When an agent binds the target, Then the same cloud endpoint carries clients to it
            AgentProcess agent = agent(service.port(), target);
            try (agent) {
                assertEquals(target, agent.awaitUrl());
                Wait.until("the cloud endpoint forwards to the target once it is online", SOON,
                        () -> Probe.of(edgeIp, address.getPort()) == Probe.ECHOED);
            }
            // When the target goes offline again, Then clients are closed again
            Wait.until("clients are closed once the target is offline again", SOON,
                    () -> Probe.of(edgeIp, address.getPort()) == Probe.CLOSED);
        }
    }

    @Test
    void shouldFallThroughToNextRuleWhenForwardTargetIsOfflineAndOnErrorIsContinue() {
        // Given an online internal endpoint, and a cloud endpoint whose first rule forwards to an offline one with
        // on_error: continue, and whose second rule forwards to the online one
        String offline = "tcp://continue-offline.internal:9002";
        String online = "tcp://continue-online.internal:9003";
        try (EchoServer service = new EchoServer(); AgentProcess agent = agent(service.port(), online)) {
            assertEquals(online, agent.awaitUrl());
            Address address = alice.reserve();
            alicePolicies.createCloudEndpoint(AllocatorApi.url(address), """
                    on_tcp_connect:
                      - name: the preferred target, offline
                        actions:
                          - type: forward-internal
                            config:
                              url: "%s"
                              on_error: continue
                      - name: the fallback
                        actions:
                          - type: forward-internal
                            config:
                              url: "%s"
                    """.formatted(offline, online));

            // When a client connects, Then the next rule runs: its bytes come back from the online endpoint
            Wait.until("the cloud endpoint falls through to the online endpoint", SOON,
                    () -> Probe.of(edgeIp, address.getPort()) == Probe.ECHOED);
            assertTrue(service.accepted() >= 1, "the echo came from the online endpoint's upstream");
        }
    }

    @Test
    void shouldFailClosedWhilePolicyEngineIsDownAndServeAgainWhenItReturns() {
        // Given a cloud endpoint that forwards to an online internal endpoint, serving
        String target = "tcp://engine-down.internal:9004";
        try (EchoServer service = new EchoServer(); AgentProcess agent = agent(service.port(), target)) {
            assertEquals(target, agent.awaitUrl());
            Address address = alice.reserve();
            alicePolicies.createCloudEndpoint(AllocatorApi.url(address), """
                    on_tcp_connect:
                      - actions:
                          - type: forward-internal
                            config:
                              url: "%s"
                    """.formatted(target));
            Wait.until("the cloud endpoint serves", SOON, () -> Probe.of(edgeIp, address.getPort()) == Probe.ECHOED);

            // When the policy-engine is killed with SIGKILL
            suite.policyEngine.kill9();
            try {
                // Then the edge can no longer know the cloud endpoints are current: it closes new connections
                // and reports itself not ready
                Wait.until("the edge closes new connections", SOON,
                        () -> Probe.of(edgeIp, address.getPort()) == Probe.CLOSED);
                Wait.until("the edge reports not ready", SOON, () -> !suite.edge().process().ready());
            } finally {
                // When the policy-engine starts again (its store kept the cloud endpoint)
                suite.policyEngine.start();
                suite.policyEngine.awaitReady();
            }

            // Then the edge is in sync again, and the cloud endpoint serves again
            Wait.until("the edge is ready again", SOON, () -> suite.edge().process().ready());
            Wait.until("the cloud endpoint serves again", SOON,
                    () -> Probe.of(edgeIp, address.getPort()) == Probe.ECHOED);
        }
    }

    @Test
    void shouldCloseConnectionOverRateLimitAndLetConnectionsPassAgainAfterWindow() {
        try (EchoServer service = new EchoServer()) {
            // Given an agent endpoint limited to 3 new connections per client IP per 30 s (a token bucket: one
            // connection's worth comes back every 10 s, far longer than the four connections below take)
            Address address = alice.reserve();
            try (AgentProcess agent = agentWithPolicy(service.port(), AllocatorApi.url(address), """
                    on_tcp_connect:
                      - name: three new connections per client IP per 30 s
                        actions:
                          - type: rate-limit
                            config:
                              capacity: 3
                              rate: 30s
                              bucket_key: conn.client_ip
                    """)) {
                agent.awaitUrl();
                // (probes come from 127.0.0.3: their own bucket)
                Wait.until("the endpoint serves", SOON,
                        () -> Probe.from("127.0.0.3", edgeIp, address.getPort()) == Probe.ECHOED);

                // When a client from 127.0.0.1 connects 4 times in a row
                List<Probe> four = List.of(
                        Probe.from("127.0.0.1", edgeIp, address.getPort()),
                        Probe.from("127.0.0.1", edgeIp, address.getPort()),
                        Probe.from("127.0.0.1", edgeIp, address.getPort()),
                        Probe.from("127.0.0.1", edgeIp, address.getPort()));

                // Then the first 3 pass and the 4th is closed
                assertEquals(List.of(Probe.ECHOED, Probe.ECHOED, Probe.ECHOED, Probe.CLOSED), four);
                // And another client IP has its own bucket
                assertEquals(Probe.ECHOED, Probe.from("127.0.0.2", edgeIp, address.getPort()));
                // And after the window, connections from 127.0.0.1 pass again
                Wait.until("connections from 127.0.0.1 pass again", Duration.ofSeconds(90),
                        () -> Probe.from("127.0.0.1", edgeIp, address.getPort()) == Probe.ECHOED);
            }
        }
    }
}
