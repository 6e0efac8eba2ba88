package dev.portway.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.Address;
import dev.portway.systemtest.support.AgentProcess;
import dev.portway.systemtest.support.AllocatorApi;
import dev.portway.systemtest.support.EchoServer;
import dev.portway.systemtest.support.Probe;
import dev.portway.systemtest.support.Suite;
import dev.portway.systemtest.support.Wait;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pooling when the binders of one URL sit on different bridges: no bridge sees the other's agents,
 * so the edge, which watches every bridge, settles it.
 */
class PoolingAcrossBridgesIT {

    private static final Duration SOON = Duration.ofSeconds(30);
    private static final int FIRST = 1;
    private static final int SECOND = 2;

    private static Suite suite;
    private static AllocatorApi alice;
    private static String edgeIp;

    @BeforeAll
    static void start() {
        suite = Suite.start("pooling-bridges", 2, 1);
        alice = suite.allocatorAs(suite.aliceToken);
        edgeIp = suite.edge().bindIp();
    }

    @AfterAll
    static void stop() {
        if (alice != null) {
            alice.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    private static AgentProcess agentOnBridge(int bridge, EchoServer upstream, String url, String... extra) {
        return suite.agent(suite.aliceToken, suite.bridges.get(bridge), upstream.port(), url, extra);
    }

    @Test
    void shouldPoolAgentsBoundOnDifferentBridges() {
        // Given two agents on two bridges, both bound to one reserved URL with pooling enabled
        Address address = alice.reserve();
        String url = AllocatorApi.url(address);
        try (EchoServer first = EchoServer.greeting(FIRST);
                EchoServer second = EchoServer.greeting(SECOND);
                AgentProcess firstAgent = agentOnBridge(0, first, url, "--pooling-enabled");
                AgentProcess secondAgent = agentOnBridge(1, second, url, "--pooling-enabled")) {
            assertEquals(url, firstAgent.awaitUrl());
            assertEquals(url, secondAgent.awaitUrl());
            Wait.until("the edge serves the URL", SOON, () -> Probe.greeting(edgeIp, address.getPort()) > 0);

            // When 200 clients connect
            Map<Integer, Integer> counts = countGreetings(address.getPort(), 200);

            // Then both members take connections (a uniform choice misses one in 200 tries with
            // probability 2^-199) and none is lost
            assertEquals(200, counts.getOrDefault(FIRST, 0) + counts.getOrDefault(SECOND, 0), counts.toString());
            assertTrue(counts.getOrDefault(FIRST, 0) > 0 && counts.getOrDefault(SECOND, 0) > 0, counts.toString());
        }
    }

    @Test
    void shouldServeOnlyTheEarliestBinderWhenBindersOnDifferentBridgesDoNotAllPool() {
        // Given an agent on bridge 0 serving a reserved URL without pooling
        Address address = alice.reserve();
        String url = AllocatorApi.url(address);
        int port = address.getPort();
        try (EchoServer first = EchoServer.greeting(FIRST);
                EchoServer second = EchoServer.greeting(SECOND);
                AgentProcess firstAgent = agentOnBridge(0, first, url)) {
            assertEquals(url, firstAgent.awaitUrl());
            Wait.until("the first agent serves", SOON, () -> Probe.greeting(edgeIp, port) == FIRST);

            // When a second agent binds the same URL without pooling on bridge 1 (which cannot see
            // the first, so the bind itself succeeds)
            try (AgentProcess secondAgent = agentOnBridge(1, second, url)) {
                assertEquals(url, secondAgent.awaitUrl());

                // Then the edge keeps every connection on the earliest binder
                assertEquals(Map.of(FIRST, 50), countGreetings(port, 50));

                // And when the earliest one goes away, the other takes over
                firstAgent.kill9();
                Wait.until("the second agent serves", SOON, () -> Probe.greeting(edgeIp, port) == SECOND);
                assertEquals(Map.of(SECOND, 20), countGreetings(port, 20));
            }
        }
    }

    private static Map<Integer, Integer> countGreetings(int port, int connections) {
        return Probe.greetings(edgeIp, port, connections);
    }
}
