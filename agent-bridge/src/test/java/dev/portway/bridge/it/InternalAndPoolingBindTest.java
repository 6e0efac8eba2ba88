package dev.portway.bridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.BindRequest;
import dev.portway.api.v1.BindResponse;
import dev.portway.api.v1.Endpoint;
import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Internal endpoints and pooling through the real session API. Each test uses its own account or URL. */
@QuarkusTest
@WithTestResource(BridgeTestConfig.class)
class InternalAndPoolingBindTest {

    @GrpcClient("bridge")
    Channel channel;

    TestAllocator allocator;

    private static BindRequest.Builder bind(String url, boolean pooling) {
        return BindRequest.newBuilder().setUrl(url).setPoolingEnabled(pooling);
    }

    @Test
    void shouldBindInternalEndpointWithoutTheAllocator() throws Exception {
        try (AgentClient agent = AgentClient.connect(channel, "grace")) {
            // When grace binds an internal URL
            BindResponse response = agent.bind(bind("tcp://example-service.internal:8443", false));

            // Then it is bound as an internal endpoint of her account, with no address and no reservation
            Endpoint endpoint = response.getEndpoint();
            assertTrue(response.hasEndpoint(), response.toString());
            assertTrue(endpoint.getInternal());
            assertEquals("tcp://example-service.internal:8443", endpoint.getUrl());
            assertEquals("example-service.internal", endpoint.getHost());
            assertEquals(8443, endpoint.getPort());
            assertEquals("grace", endpoint.getAccount());
            assertEquals("", endpoint.getAddressId());
            assertFalse(endpoint.getEphemeral());
            assertTrue(endpoint.getBoundAtUnixMillis() > 0);
            assertEquals(0, allocator.reserveCalls("grace"));
            assertEquals(List.of(endpoint), Directory.online(channel, "grace"));
        }
    }

    @Test
    void shouldLetTwoAccountsBindTheSameInternalName() throws Exception {
        try (AgentClient alice = AgentClient.connect(channel, "alice");
                AgentClient bob = AgentClient.connect(channel, "bob")) {
            // When alice and bob both bind tcp://db.internal:5432, without pooling
            BindResponse a = alice.bind(bind("tcp://db.internal:5432", false));
            BindResponse b = bob.bind(bind("tcp://db.internal:5432", false));

            // Then both are bound: two endpoints, one per account
            assertTrue(a.hasEndpoint(), a.toString());
            assertTrue(b.hasEndpoint(), b.toString());
            assertNotEquals(a.getEndpoint().getId(), b.getEndpoint().getId());
            assertEquals("alice", a.getEndpoint().getAccount());
            assertEquals("bob", b.getEndpoint().getAccount());
        }
    }

    @Test
    void shouldRefuseSameInternalNameInOneAccountUnlessEveryBinderPools() throws Exception {
        try (AgentClient first = AgentClient.connect(channel, "heidi");
                AgentClient second = AgentClient.connect(channel, "heidi")) {
            // Given heidi's internal endpoint bound without pooling
            assertTrue(first.bind(bind("tcp://cache.internal:6379", false)).hasEndpoint());

            // When another of her agents binds it with pooling
            BindResponse refused = second.bind(bind("tcp://cache.internal:6379", true));

            // Then it is refused, saying why and what to do
            assertEquals("ALREADY_EXISTS", refused.getError().getCode(), refused.toString());
            assertEquals("url", refused.getError().getField());
            assertTrue(refused.getError().getMessage().contains("--pooling-enabled"), refused.getError().getMessage());

            // When both bind another name with pooling
            BindResponse a = first.bind(bind("tcp://queue.internal:4222", true));
            BindResponse b = second.bind(bind("tcp://queue.internal:4222", true));

            // Then they pool
            assertTrue(a.hasEndpoint() && b.hasEndpoint(), a + " / " + b);
            assertEquals(2, Directory.online(channel, "heidi").stream()
                    .filter(e -> e.getUrl().equals("tcp://queue.internal:4222")).count());
        }
    }

    @Test
    void shouldRefuseMalformedInternalUrlNamingTheField() throws Exception {
        try (AgentClient agent = AgentClient.connect(channel, "grace")) {
            for (String bad : new String[] {"tcp://.internal:80", "tcp://x.internal:0", "tcp://x.internal"}) {
                // When
                BindResponse response = agent.bind(bind(bad, false));
                // Then
                assertEquals("INVALID_ARGUMENT", response.getError().getCode(), bad + ": " + response);
                assertEquals("url", response.getError().getField(), bad);
            }
        }
    }

    @Test
    void shouldPoolReservedAddressWhenEveryAgentAsksAndKeepOthersWhenOneLeaves() throws Exception {
        String url = "tcp://localhost:" + (BridgeTestConfig.BOB_PORT + 1);
        AgentClient first = AgentClient.connect(channel, "bob");
        try (AgentClient second = AgentClient.connect(channel, "bob");
                AgentClient third = AgentClient.connect(channel, "bob")) {
            // Given two of bob's agents bound to his reserved address with pooling
            BindResponse a = first.bind(bind(url, true));
            BindResponse b = second.bind(bind(url, true));
            assertTrue(a.hasEndpoint() && b.hasEndpoint(), a + " / " + b);

            // When a third binds it without pooling
            BindResponse refused = third.bind(bind(url, false));

            // Then it is refused: the URL is online by two, and every agent must pool to share it
            assertEquals("ALREADY_EXISTS", refused.getError().getCode(), refused.toString());
            assertTrue(refused.getError().getMessage().contains("bound by 2 agents"), refused.getError().getMessage());

            // When the first agent's session ends
            first.close();

            // Then only its endpoint goes offline; the second still serves the URL
            List<Endpoint> left = Directory.awaitOnline(channel, "bob",
                    online -> online.stream().noneMatch(e -> e.getId().equals(a.getEndpoint().getId())));
            assertEquals(List.of(b.getEndpoint().getId()), left.stream()
                    .filter(e -> e.getUrl().equals(url)).map(Endpoint::getId).toList());
        } finally {
            first.close();
        }
    }

    @Test
    void shouldRefusePooledBindOfUrlOnlineWithoutPooling() throws Exception {
        String url = "tcp://localhost:" + (BridgeTestConfig.BOB_PORT + 2);
        try (AgentClient first = AgentClient.connect(channel, "bob");
                AgentClient second = AgentClient.connect(channel, "bob")) {
            // Given bob's address bound without pooling
            assertTrue(first.bind(bind(url, false)).hasEndpoint());

            // When another agent binds it with pooling
            BindResponse refused = second.bind(bind(url, true));

            // Then it is refused, saying the endpoint online did not pool
            assertEquals("ALREADY_EXISTS", refused.getError().getCode(), refused.toString());
            assertTrue(refused.getError().getMessage().contains("bound without pooling"),
                    refused.getError().getMessage());
        }
    }

    @Test
    void shouldReleasePooledEphemeralAddressOnlyWhenItsLastMemberUnbinds() throws Exception {
        try (AgentClient first = AgentClient.connect(channel, "erin");
                AgentClient second = AgentClient.connect(channel, "erin")) {
            // Given an ephemeral address, then a second agent of the account pooling on it
            BindResponse a = first.bind(bind("tcp://", true));
            String url = a.getEndpoint().getUrl();
            BindResponse b = second.bind(bind(url, true));
            assertTrue(b.hasEndpoint(), b.toString());

            // When the first unbinds explicitly
            first.unbind(a.getEndpoint().getId());
            syncWithAllocator(first);

            // Then the address is not released while the second still serves it
            assertEquals(0, allocator.releaseCalls("erin"));
            assertTrue(allocator.isHeld(a.getEndpoint().getPort()));

            // When the second unbinds too
            second.unbind(b.getEndpoint().getId());
            syncWithAllocator(second);

            // Then the address is released, once
            assertEquals(1, allocator.releaseCalls("erin"));
            assertFalse(allocator.isHeld(a.getEndpoint().getPort()));
        }
    }

    /**
     * A bind the allocator refuses (an address nobody reserved): once it is answered, every allocator call
     * the bridge started before it has been handled (the test allocator handles calls in order).
     */
    private static void syncWithAllocator(AgentClient agent) throws InterruptedException {
        BindResponse probe = agent.bind(bind("tcp://localhost:29999", false));
        assertEquals("NOT_FOUND", probe.getError().getCode(), probe.toString());
    }
}
