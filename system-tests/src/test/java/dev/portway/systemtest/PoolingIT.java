package dev.portway.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.Address;
import dev.portway.systemtest.support.AgentProcess;
import dev.portway.systemtest.support.AllocatorApi;
import dev.portway.systemtest.support.EchoServer;
import dev.portway.systemtest.support.Probe;
import dev.portway.systemtest.support.Suite;
import dev.portway.systemtest.support.Wait;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Endpoint pooling: agents that all enable it share a URL; the edge picks one at random per connection. */
class PoolingIT {

    private static final Duration SOON = Duration.ofSeconds(30);
    private static final int FIRST = 1;
    private static final int SECOND = 2;

    private static Suite suite;
    private static AllocatorApi alice;
    private static String edgeIp;

    @BeforeAll
    static void start() {
        suite = Suite.start("pooling", 1, 1);
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

    private static AgentProcess agent(EchoServer upstream, String url, String... extra) {
        return suite.agent(suite.aliceToken, suite.bridge(), upstream.port(), url, extra);
    }

    @Test
    void shouldSplitConnectionsEvenlyOverPooledAgentsAndSendAllToSurvivorWhenOneDies() {
        // Given two agents (two processes), each with its own upstream that greets with its identity, bound to the
        // same reserved URL with pooling enabled
        Address address = alice.reserve();
        String url = AllocatorApi.url(address);
        int port = address.getPort();
        try (EchoServer first = EchoServer.greeting(FIRST);
                EchoServer second = EchoServer.greeting(SECOND);
                AgentProcess firstAgent = agent(first, url, "--pooling-enabled");
                AgentProcess secondAgent = agent(second, url, "--pooling-enabled")) {
            assertEquals(url, firstAgent.awaitUrl());
            assertEquals(url, secondAgent.awaitUrl());
            Set<Integer> answered = new HashSet<>();
            Wait.until("both pool members answer", SOON, () -> {
                answered.add(Probe.greeting(edgeIp, port));
                return answered.contains(FIRST) && answered.contains(SECOND);
            });

            // When 1,000 clients connect one after another
            Map<Integer, Integer> counts = countGreetings(port, 1_000);

            // Then every one reaches a member, and the split is what a uniform random choice gives: the first's
            // count is Binomial(1000, 0.5), mean 500, sigma = sqrt(1000 * 0.25) ~ 15.8; |x - 500| > 100 is more
            // than 6 sigma away (probability < 1e-9 for a fair choice), so outside [400, 600] the choice is not
            // uniform (or not random at all)
            assertEquals(Set.of(FIRST, SECOND), counts.keySet(), "every connection reaches a member: " + counts);
            int firstCount = counts.get(FIRST);
            assertTrue(firstCount >= 400 && firstCount <= 600, "split between the members: " + counts);

            // When the first agent is killed with SIGKILL
            firstAgent.kill9();

            // Then once the edge has noticed (20 connections in a row reach the survivor; while the dead member is
            // still chosen half the time, that happens once in a million tries), all 100 new connections go to the
            // survivor
            Wait.until("the edge stops choosing the dead agent", SOON,
                    () -> IntStream.range(0, 20).allMatch(i -> Probe.greeting(edgeIp, port) == SECOND));
            assertEquals(Map.of(SECOND, 100), countGreetings(port, 100));
        }
    }

    private static Map<Integer, Integer> countGreetings(int port, int connections) {
        return Probe.greetings(edgeIp, port, connections);
    }

    @Test
    void shouldRefuseSecondBindWithoutPoolingAndKeepFirstServing() {
        // Given an agent serving a reserved URL, bound without pooling
        Address address = alice.reserve();
        String url = AllocatorApi.url(address);
        try (EchoServer first = EchoServer.greeting(FIRST);
                EchoServer second = EchoServer.greeting(SECOND);
                AgentProcess firstAgent = agent(first, url)) {
            assertEquals(url, firstAgent.awaitUrl());
            Wait.until("the first agent serves", SOON, () -> Probe.greeting(edgeIp, address.getPort()) == FIRST);

            // When a second agent binds the same URL without pooling
            try (AgentProcess secondAgent = agent(second, url)) {
                // Then it exits non-zero, saying that sharing the URL needs pooling
                assertNotEquals(0, secondAgent.awaitExit(), secondAgent.stderr());
                assertTrue(secondAgent.stderr().toLowerCase(Locale.ROOT).contains("pooling"), secondAgent.stderr());
            }
            // And the first keeps serving every connection
            assertEquals(Map.of(FIRST, 20), countGreetings(address.getPort(), 20));
        }
    }

    @Test
    void shouldRefuseBindWithoutPoolingOnUrlOfPooledAgent() {
        // Given an agent serving a reserved URL, bound with pooling
        Address address = alice.reserve();
        String url = AllocatorApi.url(address);
        try (EchoServer first = EchoServer.greeting(FIRST);
                EchoServer second = EchoServer.greeting(SECOND);
                AgentProcess firstAgent = agent(first, url, "--pooling-enabled")) {
            assertEquals(url, firstAgent.awaitUrl());
            Wait.until("the first agent serves", SOON, () -> Probe.greeting(edgeIp, address.getPort()) == FIRST);

            // When a second agent binds the same URL without pooling
            try (AgentProcess secondAgent = agent(second, url)) {
                // Then it is refused too: every member of a pool must enable pooling
                assertNotEquals(0, secondAgent.awaitExit(), secondAgent.stderr());
                assertTrue(secondAgent.stderr().toLowerCase(Locale.ROOT).contains("pooling"), secondAgent.stderr());
            }
            // And the first keeps serving every connection
            assertEquals(Map.of(FIRST, 20), countGreetings(address.getPort(), 20));
        }
    }
}
