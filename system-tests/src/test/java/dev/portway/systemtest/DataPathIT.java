package dev.portway.systemtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.Address;
import dev.portway.systemtest.support.AgentProcess;
import dev.portway.systemtest.support.AllocatorApi;
import dev.portway.systemtest.support.Clients;
import dev.portway.systemtest.support.EchoServer;
import dev.portway.systemtest.support.Suite;
import dev.portway.systemtest.support.Wait;
import java.time.Duration;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bytes through the whole path: client → edge → bridge → agent → upstream, and back. */
class DataPathIT {

    private static Suite suite;
    private static EchoServer echo;
    private static AgentProcess agent;
    private static int port;

    @BeforeAll
    static void exposeEchoServerThroughReservedAddress() {
        suite = Suite.start("datapath", 1, 1);
        echo = new EchoServer();
        try (AllocatorApi alice = suite.allocatorAs(suite.aliceToken)) {
            Address address = alice.reserve();
            port = address.getPort();
            agent = suite.agent(suite.aliceToken, suite.bridge(), echo.port(), AllocatorApi.url(address));
            assertEquals(AllocatorApi.url(address), agent.awaitUrl());
            Wait.until("the edge serves the address", Duration.ofSeconds(15),
                    () -> Clients.echoes(suite.edge().bindIp(), port));
        }
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (echo != null) {
            echo.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void shouldEchoEveryByteInOrderForFiftyConcurrentClients() throws Exception {
        // Given 50 clients, each with 1 MiB of its own random bytes
        int clients = 50;
        int size = 1024 * 1024;
        ExecutorService pool = Executors.newFixedThreadPool(2 * clients);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                byte[] payload = new byte[size];
                new Random(i).nextBytes(payload);
                results.add(pool.submit(() -> roundTrip(payload, pool)));
            }
            // Then every client gets back exactly what it sent
            for (Future<Boolean> result : results) {
                assertTrue(result.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldCarryNewClientsOverTheAgentsLinkWithoutAskingTheBridge() throws Exception {
        // Given the agent's link to the edge, made when an earlier client went through the bridge (clients
        // that came while it was being dialed went through the bridge too)
        for (int i = 0; i < 20; i++) {
            assertTrue(Clients.echoes(suite.edge().bindIp(), port));
        }
        double brokered = suite.bridge().process().metric("portway_bridge_connections_total");
        // When 200 more clients come, one after another
        for (int i = 0; i < 200; i++) {
            assertTrue(Clients.echoes(suite.edge().bindIp(), port), "client " + i);
        }
        // Then the bridge was asked for none of them: they came over the one link of the agent's session
        assertEquals(brokered, suite.bridge().process().metric("portway_bridge_connections_total"),
                "clients were brokered by the bridge instead of carried over the link");
        assertEquals(1.0, suite.edge().process().metric("portway_edge_agent_links"));
    }

    private static boolean roundTrip(byte[] payload, ExecutorService pool) throws Exception {
        try (Socket socket = Clients.connect(suite.edge().bindIp(), port)) {
            // Write on another thread while reading here: neither side may wait for the other.
            Future<?> writer = pool.submit(() -> {
                socket.getOutputStream().write(payload);
                socket.shutdownOutput();
                return null;
            });
            byte[] echoed = Clients.readFully(socket.getInputStream(), payload.length);
            writer.get(60, TimeUnit.SECONDS);
            assertArrayEquals(payload, echoed);
            assertEquals(-1, socket.getInputStream().read(), "the upstream's FIN must follow the bytes");
            return true;
        }
    }

    @Test
    void shouldDeliverWholeReplyAfterClientShutsItsOutput() throws Exception {
        // Given a client that sends a request and then half-closes
        byte[] request = new byte[200_000];
        new Random(7).nextBytes(request);
        try (Socket socket = Clients.connect(suite.edge().bindIp(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request);
            // When
            socket.shutdownOutput();
            // Then the reverse direction keeps flowing: the whole reply arrives, then the FIN
            InputStream in = socket.getInputStream();
            assertArrayEquals(request, Clients.readFully(in, request.length));
            assertEquals(-1, in.read());
        }
    }

    @Test
    void shouldKeepMemoryBoundedWhenClientReadsSlowly() throws Exception {
        // Given an upstream that writes 512 MiB as fast as the path lets it
        long total = 512L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        try (ServerSocket fast = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                AllocatorApi alice = suite.allocatorAs(suite.aliceToken)) {
            Thread blaster = new Thread(() -> blast(fast, total, written), "blaster");
            blaster.setDaemon(true);
            blaster.start();
            Address address = alice.reserve();
            try (AgentProcess fastAgent = suite.agent(suite.aliceToken, suite.bridge(), fast.getLocalPort(),
                    AllocatorApi.url(address))) {
                fastAgent.awaitUrl();
                Wait.until("the edge listens on the address", Duration.ofSeconds(15),
                        () -> Clients.accepts(suite.edge().bindIp(), address.getPort()));
                try (Socket slow = Clients.connect(suite.edge().bindIp(), address.getPort())) {
                    slow.setReceiveBufferSize(16 * 1024);
                    InputStream in = slow.getInputStream();
                    byte[] kib = new byte[1024];
                    long read = 0;
                    // When the client reads 1 KiB every 10 ms for 300 reads
                    for (int i = 0; i < 300; i++) {
                        read += Math.max(0, in.read(kib));
                        Thread.sleep(10);
                    }
                    // Then the upstream is held back: what it wrote beyond what the client read is
                    // bounded by socket buffers and the relays' water marks, not by the 512 MiB.
                    long ahead = written.get() - read;
                    assertTrue(ahead < 96L * 1024 * 1024, "upstream ran " + ahead + " bytes ahead of the reader");
                    assertTrue(suite.edge().process().isAlive() && suite.bridge().process().isAlive());
                    assertTrue(fastAgent.stderr().isEmpty() || !fastAgent.stderr().contains("OutOfMemoryError"));
                }
            }
        }
    }

    /** Accepts connections and writes to each as fast as it can; {@code written} keeps the largest count. */
    private static void blast(ServerSocket server, long total, AtomicLong written) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread writer = new Thread(() -> {
                    long mine = 0;
                    try (socket) {
                        OutputStream out = socket.getOutputStream();
                        byte[] chunk = new byte[64 * 1024];
                        while (mine < total) {
                            out.write(chunk);
                            mine += chunk.length;
                            written.accumulateAndGet(mine, Math::max);
                        }
                    } catch (Exception stopped) {
                        // The client went away.
                    }
                }, "blaster-writer");
                writer.setDaemon(true);
                writer.start();
            } catch (Exception closed) {
                return;
            }
        }
    }
}
