package dev.portway.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portway.api.v1.Address;
import dev.portway.systemtest.support.AgentProcess;
import dev.portway.systemtest.support.AllocatorApi;
import dev.portway.systemtest.support.Clients;
import dev.portway.systemtest.support.EchoServer;
import dev.portway.systemtest.support.Suite;
import dev.portway.systemtest.support.Wait;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Several bridges and several edges: every address works through every edge. */
class MultiBridgeIT {

    @Test
    void shouldServeEveryAddressThroughEitherEdge() {
        try (Suite suite = Suite.start("multibridge", 2, 2);
                EchoServer echo = new EchoServer();
                AllocatorApi alice = suite.allocatorAs(suite.aliceToken)) {
            // Given an agent on each bridge, each with its own reserved address
            Address first = alice.reserve();
            Address second = alice.reserve();
            try (AgentProcess a = suite.agent(suite.aliceToken, suite.bridges.get(0), echo.port(), AllocatorApi.url(first));
                    AgentProcess b = suite.agent(suite.aliceToken, suite.bridges.get(1), echo.port(), AllocatorApi.url(second))) {
                assertEquals(AllocatorApi.url(first), a.awaitUrl());
                assertEquals(AllocatorApi.url(second), b.awaitUrl());
                // Then both addresses echo through both edges
                for (Suite.Edge edge : suite.edges) {
                    for (Address address : new Address[] {first, second}) {
                        Wait.until(AllocatorApi.url(address) + " echoes through the edge on " + edge.bindIp(),
                                Duration.ofSeconds(15), () -> Clients.echoes(edge.bindIp(), address.getPort()));
                    }
                }
            }
        }
    }
}
