package dev.portway.bridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.BindRequest;
import dev.portway.api.v1.BindResponse;
import dev.portway.api.v1.Error;
import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The bridge pointed at a policy-engine address where nothing listens. */
@QuarkusTest
@WithTestResource(value = BridgeTestConfig.class, initArgs = @ResourceArg(name = "policy-engine", value = "down"))
class PolicyEngineDownTest {

    @GrpcClient("bridge")
    Channel channel;

    TestAllocator allocator;

    @PolicyEngineAddress
    String policyEngineAddress;

    @Test
    void shouldRefuseBindWithPolicyAsUnavailableNamingThePolicyEngine() throws Exception {
        try (AgentClient agent = AgentClient.connect(channel, "carol")) {
            // When carol binds an ephemeral address with a valid policy while the policy-engine is down
            BindResponse response = agent.bind(BindRequest.newBuilder()
                    .setUrl("tcp://")
                    .setTrafficPolicy(PolicyAtBindTest.REFERENCE_POLICY));

            // Then the bind is refused as UNAVAILABLE, saying which service at which address was not reached
            assertFalse(response.hasEndpoint(), response.toString());
            Error error = response.getError();
            assertEquals("UNAVAILABLE", error.getCode());
            assertEquals("traffic_policy", error.getField());
            assertTrue(error.getMessage().startsWith("the policy-engine at " + policyEngineAddress
                    + " could not be reached"), error.getMessage());
            assertTrue(error.getMessage().contains("nothing was bound"), error.getMessage());
            // and nothing was reserved, nothing is online
            assertEquals(0, allocator.reserveCalls("carol"));
            assertTrue(Directory.online(channel, "carol").isEmpty());
        }
    }

    @Test
    void shouldRefuseEveryPolicyBindWhileThePolicyEngineStaysDown() throws Exception {
        try (AgentClient agent = AgentClient.connect(channel, "dave")) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                // When dave binds an internal endpoint with a policy, again and again
                BindResponse response = agent.bind(BindRequest.newBuilder()
                        .setUrl("tcp://db.internal:5432")
                        .setTrafficPolicy(PolicyAtBindTest.REFERENCE_POLICY));

                // Then each attempt is refused the same way, and nothing is online
                assertEquals("UNAVAILABLE", response.getError().getCode(), "attempt " + attempt + ": " + response);
            }
            assertTrue(Directory.online(channel, "dave").isEmpty());
        }
    }

    @Test
    void shouldBindWithoutPolicyWhileThePolicyEngineIsDown() throws Exception {
        try (AgentClient agent = AgentClient.connect(channel, "erin")) {
            // When erin binds without a policy
            BindResponse ephemeral = agent.bind(BindRequest.newBuilder().setUrl("tcp://"));
            BindResponse internal = agent.bind(BindRequest.newBuilder().setUrl("tcp://cache.internal:6379"));

            // Then both are bound: the policy-engine is never needed without a policy
            assertTrue(ephemeral.hasEndpoint(), ephemeral.toString());
            assertTrue(internal.hasEndpoint(), internal.toString());
            assertEquals(2, Directory.online(channel, "erin").size());
        }
    }
}
