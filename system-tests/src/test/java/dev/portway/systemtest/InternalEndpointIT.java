package dev.portway.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portway.api.v1.Address;
import dev.portway.systemtest.support.AgentProcess;
import dev.portway.systemtest.support.AllocatorApi;
import dev.portway.systemtest.support.Clients;
import dev.portway.systemtest.support.EchoServer;
import dev.portway.systemtest.support.PolicyApi;
import dev.portway.systemtest.support.Ports;
import dev.portway.systemtest.support.Probe;
import dev.portway.systemtest.support.Suite;
import dev.portway.systemtest.support.Wait;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Internal endpoints (tcp://name.internal:port): reachable only through forward-internal from an endpoint of the
 * same account; never from another account, never on a public address.
 */
class InternalEndpointIT {

    private static final Duration SOON = Duration.ofSeconds(30);

    private static Suite suite;
    private static AllocatorApi alice;
    private static AllocatorApi bob;
    private static PolicyApi alicePolicies;
    private static PolicyApi bobPolicies;
    private static String edgeIp;

    @BeforeAll
    static void start() {
        suite = Suite.start("internal", 1, 1);
        alice = suite.allocatorAs(suite.aliceToken);
        bob = suite.allocatorAs(suite.bobToken);
        alicePolicies = suite.policyEngineAs(suite.aliceToken);
        bobPolicies = suite.policyEngineAs(suite.bobToken);
        edgeIp = suite.edge().bindIp();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable api : new AutoCloseable[] {alice, bob, alicePolicies, bobPolicies}) {
            try {
                if (api != null) {
                    api.close();
                }
            } catch (Exception ignored) {
                // Closing anyway.
            }
        }
        if (suite != null) {
            suite.close();
        }
    }

    /** A cloud endpoint on a new address of the account that forwards every connection to {@code internalUrl}. */
    private static Address cloudEndpointForwardingTo(AllocatorApi account, PolicyApi policies, String internalUrl) {
        Address address = account.reserve();
        policies.createCloudEndpoint(AllocatorApi.url(address), """
                on_tcp_connect:
                  - actions:
                      - type: forward-internal
                        config:
                          url: "%s"
                """.formatted(internalUrl));
        return address;
    }

    @Test
    void shouldNotReachInternalEndpointFromAnotherAccountsCloudEndpoint() {
        // Given Alice's agent bound to tcp://private-db.internal:5432, which her own cloud endpoint reaches
        String internal = "tcp://private-db.internal:5432";
        try (EchoServer alicesService = new EchoServer();
                AgentProcess agent = suite.agent(suite.aliceToken, suite.bridge(), alicesService.port(), internal)) {
            assertEquals(internal, agent.awaitUrl());
            Address alicesAddress = cloudEndpointForwardingTo(alice, alicePolicies, internal);
            Wait.until("Alice's cloud endpoint reaches her internal endpoint", SOON,
                    () -> Probe.of(edgeIp, alicesAddress.getPort()) == Probe.ECHOED);
            int reached = alicesService.accepted();

            // When Bob creates a cloud endpoint forwarding to the same URL, and a client connects to it
            Address bobsAddress = cloudEndpointForwardingTo(bob, bobPolicies, internal);
            Wait.until("the edge listens on Bob's cloud endpoint's address", SOON,
                    () -> Clients.accepts(edgeIp, bobsAddress.getPort()));
            Probe bobsClient = Probe.of(edgeIp, bobsAddress.getPort());

            // Then Bob's client is closed, and Alice's service never saw a connection from it
            assertEquals(Probe.CLOSED, bobsClient);
            assertEquals(reached, alicesService.accepted(), "no connection of Bob's may reach Alice's service");
        }
    }

    @Test
    void shouldNeitherReserveAnAddressNorListenOnAnyPublicAddressForInternalEndpoint() {
        // Given Alice's addresses, and a port nothing listens on
        List<Address> before = alice.list();
        int port = Ports.free();
        String internal = "tcp://not-public.internal:" + port;
        try (EchoServer service = new EchoServer();
                AgentProcess agent = suite.agent(suite.aliceToken, suite.bridge(), service.port(), internal)) {
            // When her agent binds tcp://not-public.internal:<port>
            assertEquals(internal, agent.awaitUrl());
            // (and the edge knows it: her cloud endpoint reaches it)
            Address front = cloudEndpointForwardingTo(alice, alicePolicies, internal);
            Wait.until("the edge forwards to the internal endpoint", SOON,
                    () -> Probe.of(edgeIp, front.getPort()) == Probe.ECHOED);

            // Then binding it reserved no address: her addresses are the ones before plus the cloud endpoint's
            List<Address> after = alice.list();
            assertEquals(before.size() + 1, after.size(), after.toString());
            assertEquals(List.of(front.getId()), after.stream().map(Address::getId)
                    .filter(id -> before.stream().noneMatch(a -> a.getId().equals(id))).toList());
            // And nothing listens on its port, on the edge's IP or anywhere on loopback
            for (String ip : List.of(edgeIp, "127.0.0.1", "127.0.0.2")) {
                assertEquals(Probe.REFUSED, Probe.of(ip, port), "internal port " + port + " on " + ip);
            }
        }
    }

    @Test
    void shouldResolveTheSameInternalNameWithinEachAccount() {
        // Given Alice and Bob each bind tcp://shared-name.internal:7000 (names are per account: no conflict), each
        // to an upstream that greets with its identity
        String internal = "tcp://shared-name.internal:7000";
        int alicesIdentity = 1;
        int bobsIdentity = 2;
        try (EchoServer alicesService = EchoServer.greeting(alicesIdentity);
                EchoServer bobsService = EchoServer.greeting(bobsIdentity);
                AgentProcess alicesAgent = suite.agent(suite.aliceToken, suite.bridge(), alicesService.port(), internal);
                AgentProcess bobsAgent = suite.agent(suite.bobToken, suite.bridge(), bobsService.port(), internal)) {
            assertEquals(internal, alicesAgent.awaitUrl());
            assertEquals(internal, bobsAgent.awaitUrl());

            // When each creates a cloud endpoint forwarding to that URL
            Address alicesFront = cloudEndpointForwardingTo(alice, alicePolicies, internal);
            Address bobsFront = cloudEndpointForwardingTo(bob, bobPolicies, internal);
            Wait.until("both cloud endpoints serve", SOON,
                    () -> Probe.greeting(edgeIp, alicesFront.getPort()) > 0
                            && Probe.greeting(edgeIp, bobsFront.getPort()) > 0);

            // Then every connection to each reaches that account's own upstream
            assertEquals(Map.of(alicesIdentity, 20), greetings(alicesFront.getPort(), 20));
            assertEquals(Map.of(bobsIdentity, 20), greetings(bobsFront.getPort(), 20));
        }
    }

    private static Map<Integer, Integer> greetings(int port, int connections) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int i = 0; i < connections; i++) {
            counts.merge(Probe.greeting(edgeIp, port), 1, Integer::sum);
        }
        return counts;
    }
}
