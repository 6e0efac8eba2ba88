package dev.portway.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.Address;
import dev.portway.systemtest.support.AgentProcess;
import dev.portway.systemtest.support.AllocatorApi;
import dev.portway.systemtest.support.Clients;
import dev.portway.systemtest.support.EchoServer;
import dev.portway.systemtest.support.Suite;
import dev.portway.systemtest.support.Wait;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What clients and addresses see when an agent dies and comes back. */
class AgentFailureIT {

    @Test
    void shouldCloseClientsWhenAgentDiesAndServeAgainWhenItReturns() throws Exception {
        try (Suite suite = Suite.start("agentfailure", 1, 1);
                EchoServer echo = new EchoServer();
                AllocatorApi alice = suite.allocatorAs(suite.aliceToken)) {
            // Given an agent serving a reserved address, and 10 clients in the middle of transfers
            Address address = alice.reserve();
            String url = AllocatorApi.url(address);
            String ip = suite.edge().bindIp();
            AgentProcess agent = suite.agent(suite.aliceToken, suite.bridge(), echo.port(), url);
            assertEquals(url, agent.awaitUrl());
            Wait.until("the address serves", Duration.ofSeconds(15), () -> Clients.echoes(ip, address.getPort()));
            int clients = 10;
            CountDownLatch flowing = new CountDownLatch(clients);
            AtomicInteger closed = new AtomicInteger();
            List<Thread> transfers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Thread t = new Thread(() -> transferUntilClosed(ip, address.getPort(), flowing, closed));
                t.setDaemon(true);
                t.start();
                transfers.add(t);
            }
            assertTrue(flowing.await(30, TimeUnit.SECONDS), "every client's transfer is flowing");

            // When the agent is killed with SIGKILL
            agent.kill9();

            // Then the edge closes every client connection of that endpoint within a few seconds
            Wait.until("every client connection is closed", Duration.ofSeconds(15), () -> closed.get() == clients);
            // And the address stops accepting
            Wait.until("the address refuses new connections", Duration.ofSeconds(15),
                    () -> !Clients.echoes(ip, address.getPort()));

            // When the agent starts again
            try (AgentProcess again = suite.agent(suite.aliceToken, suite.bridge(), echo.port(), url)) {
                // Then it binds the same reserved address, and new connections work
                assertEquals(url, again.awaitUrl());
                Wait.until("the address serves again", Duration.ofSeconds(15), () -> Clients.echoes(ip, address.getPort()));
            }
        }
    }

    /** Sends and reads 4 KiB chunks until the connection breaks; counts the break. */
    private static void transferUntilClosed(String ip, int port, CountDownLatch flowing, AtomicInteger closed) {
        try (Socket socket = Clients.connect(ip, port)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[4096];
            boolean counted = false;
            while (true) {
                out.write(chunk);
                Clients.readFully(in, chunk.length);
                if (!counted) {
                    flowing.countDown();
                    counted = true;
                }
                Thread.sleep(5);
            }
        } catch (IOException broken) {
            closed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldGiveEphemeralAddressBackToAgentThatReconnectsWithinGracePeriod() {
        try (Suite suite = Suite.start("ephemeral", 1, 1); EchoServer echo = new EchoServer()) {
            // Given an agent that asked for an ephemeral address
            AgentProcess agent = suite.agent(suite.aliceToken, suite.bridge(), echo.port(), null);
            String url = agent.awaitUrl();
            assertTrue(url.startsWith("tcp://" + Suite.POOL_HOST + ":"), url);
            int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
            Wait.until("the ephemeral address serves", Duration.ofSeconds(15),
                    () -> Clients.echoes(suite.edge().bindIp(), port));
            // When it dies and a new agent binds that URL again at once
            agent.kill9();
            try (AgentProcess again = suite.agent(suite.aliceToken, suite.bridge(), echo.port(), url)) {
                // Then it gets the same address
                assertEquals(url, again.awaitUrl());
                Wait.until("the ephemeral address serves again", Duration.ofSeconds(15),
                        () -> Clients.echoes(suite.edge().bindIp(), port));
            }
        }
    }
}
