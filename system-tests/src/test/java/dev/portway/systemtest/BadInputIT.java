package dev.portway.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.Address;
import dev.portway.systemtest.support.AgentProcess;
import dev.portway.systemtest.support.AllocatorApi;
import dev.portway.systemtest.support.Clients;
import dev.portway.systemtest.support.EchoServer;
import dev.portway.systemtest.support.Suite;
import dev.portway.systemtest.support.Wait;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each kind of bad input gets its clear error, and the failed attempt leaves nothing behind. */
class BadInputIT {

    private static Suite suite;
    private static EchoServer echo;
    private static AllocatorApi alice;
    private static AllocatorApi bob;

    @BeforeAll
    static void start() {
        suite = Suite.start("badinput", 1, 1);
        echo = new EchoServer();
        alice = suite.allocatorAs(suite.aliceToken);
        bob = suite.allocatorAs(suite.bobToken);
    }

    @AfterAll
    static void stop() {
        alice.close();
        bob.close();
        echo.close();
        suite.close();
    }

    private static String failedBind(String token, String url) {
        List<Address> before = alice.list();
        try (AgentProcess agent = suite.agent(token, suite.bridge(), echo.port(), url)) {
            int exit = agent.awaitExit();
            assertNotEquals(0, exit, "the agent must fail: " + agent.stderr());
            assertEquals(before, alice.list(), "a failed bind must not reserve or release anything");
            return agent.stderr().toLowerCase(Locale.ROOT);
        }
    }

    @Test
    void shouldRefuseWrongAuthtoken() {
        String stderr = failedBind("not-a-token", null);
        assertTrue(stderr.contains("authtoken"), stderr);
    }

    @Test
    void shouldRefuseAddressReservedByAnotherAccount() {
        // Given an address Bob reserved
        Address bobs = bob.reserve();
        // When Alice's agent binds it
        String stderr = failedBind(suite.aliceToken, AllocatorApi.url(bobs));
        // Then she is told it belongs to another account, and it stays Bob's, serving nothing
        assertTrue(stderr.contains("another account"), stderr);
        assertEquals(Suite.BOB, bob.get(bobs.getHost(), bobs.getPort()).getAccount());
        assertFalse(Clients.echoes(suite.edge().bindIp(), bobs.getPort()));
    }

    @Test
    void shouldRefuseMalformedUrlBeforeConnecting() {
        String stderr = failedBind(suite.aliceToken, "tcp://localhost");
        assertTrue(stderr.contains("url"), stderr);
    }

    @Test
    void shouldRefusePortOutsideThePools() {
        int outside = suite.poolPorts[1] + 1;
        String stderr = failedBind(suite.aliceToken, "tcp://" + Suite.POOL_HOST + ":" + outside);
        assertTrue(stderr.contains(String.valueOf(outside)), stderr);
        assertFalse(Clients.echoes(suite.edge().bindIp(), outside));
    }

    @Test
    void shouldRefuseUnreservedAddressSayingHowToReserveIt() {
        int unreserved = suite.poolPorts[0] + 199;
        String stderr = failedBind(suite.aliceToken, "tcp://" + Suite.POOL_HOST + ":" + unreserved);
        assertTrue(stderr.contains("reserve"), stderr);
    }

    @Test
    void shouldRefuseSecondBindOfOnlineUrlAndKeepTheFirst() {
        // Given an agent serving a reserved address
        Address address = alice.reserve();
        String url = AllocatorApi.url(address);
        try (AgentProcess first = suite.agent(suite.aliceToken, suite.bridge(), echo.port(), url)) {
            assertEquals(url, first.awaitUrl());
            // When a second agent binds the same URL
            String stderr = failedBind(suite.aliceToken, url);
            // Then it is refused, and the first keeps serving
            assertTrue(stderr.contains("already online"), stderr);
            Wait.until("the first agent still serves", Duration.ofSeconds(15),
                    () -> Clients.echoes(suite.edge().bindIp(), address.getPort()));
        }
    }

    @Test
    void shouldCloseClientWhenUpstreamRefusesAndSayWhyInAgentLog() throws Exception {
        // Given an agent whose upstream port has nothing listening
        int closedPort = dev.portway.systemtest.support.Ports.free();
        Address address = alice.reserve();
        try (AgentProcess agent = suite.agent(suite.aliceToken, suite.bridge(), closedPort, AllocatorApi.url(address))) {
            agent.awaitUrl();
            Wait.until("the edge listens on the address", Duration.ofSeconds(15),
                    () -> Clients.accepts(suite.edge().bindIp(), address.getPort()));
            // When a client connects
            try (java.net.Socket client = Clients.connect(suite.edge().bindIp(), address.getPort())) {
                client.getOutputStream().write(1);
                // Then its connection is closed (FIN or reset), not left hanging
                int read;
                try {
                    read = client.getInputStream().read();
                } catch (java.io.IOException reset) {
                    read = -1;
                }
                assertEquals(-1, read);
            }
            // And the agent says why in its log
            Wait.until("the agent logs the refusal", Duration.ofSeconds(15),
                    () -> agent.stderr().toLowerCase(Locale.ROOT).contains("refused"));
        }
    }
}
