package dev.portway.bridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.BindRequest;
import dev.portway.api.v1.BindResponse;
import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.Error;
import dev.portway.api.v1.PolicyIssue;
import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/**
 * Binds with a traffic policy through the real session API; the policy-engine peer validates with
 * the real policy library. Each test uses its own account.
 */
@QuarkusTest
@WithTestResource(BridgeTestConfig.class)
class PolicyAtBindTest {

    /** The CloudEndpoint example of the product reference (tcp-routing.md), on an agent endpoint. */
    static final String REFERENCE_POLICY = """
            on_http_request:
              - actions:
                  - type: forward-internal
                    config:
                      url: tcp://example-service.internal:8443
            """;
    static final String BAD_CEL = """
            on_tcp_connect:
              - expressions:
                  - "conn.server_port =="
                actions:
                  - type: deny
            """;
    static final String UNKNOWN_ACTION = """
            on_tcp_connect:
              - actions:
                  - type: teleport
            """;

    @GrpcClient("bridge")
    Channel channel;

    TestAllocator allocator;
    TestPolicyEngine policyEngine;

    @Test
    void shouldBindWithValidPolicyAndReturnItsWarnings() throws Exception {
        try (AgentClient agent = AgentClient.connect(channel, "alice")) {
            // When alice binds her reserved address with the reference's policy (on_http_request)
            BindResponse response = agent.bind(BindRequest.newBuilder()
                    .setUrl("tcp://localhost:" + BridgeTestConfig.ALICE_PORT)
                    .setTrafficPolicy(REFERENCE_POLICY));

            // Then it is bound, carrying the policy as given, and the warning says where the rules run
            assertTrue(response.hasEndpoint(), response.toString());
            Endpoint endpoint = response.getEndpoint();
            assertEquals(REFERENCE_POLICY, endpoint.getTrafficPolicy());
            assertTrue(endpoint.getBoundAtUnixMillis() > 0);
            assertFalse(endpoint.getInternal());
            assertEquals(1, response.getPolicyWarningsCount(), response.toString());
            PolicyIssue warning = response.getPolicyWarnings(0);
            assertEquals(PolicyIssue.Severity.WARNING, warning.getSeverity());
            assertEquals("on_http_request", warning.getPhase());
            assertTrue(warning.getMessage().contains("on_tcp_connect"), warning.getMessage());
            // and edges see it with its policy
            Endpoint published = Directory.online(channel, "alice").stream()
                    .filter(e -> e.getId().equals(endpoint.getId())).findFirst().orElseThrow();
            assertEquals(REFERENCE_POLICY, published.getTrafficPolicy());
        }
    }

    @Test
    void shouldRefuseBindWhenPolicyCelIsBadNamingThePlace() throws Exception {
        try (AgentClient agent = AgentClient.connect(channel, "carol")) {
            int validationsBefore = policyEngine.validations();

            // When carol binds an ephemeral address with a policy whose expression does not parse
            BindResponse response = agent.bind(BindRequest.newBuilder().setUrl("tcp://").setTrafficPolicy(BAD_CEL));

            // Then the bind is refused on traffic_policy, with the error's place in the CEL expression
            assertFalse(response.hasEndpoint(), response.toString());
            Error error = response.getError();
            assertEquals("INVALID_ARGUMENT", error.getCode());
            assertEquals("traffic_policy", error.getField());
            assertEquals(1, error.getPolicyErrorsCount(), error.toString());
            PolicyIssue issue = error.getPolicyErrors(0);
            assertEquals("on_tcp_connect[0].expressions[0]", issue.getPath());
            assertEquals("conn.server_port ==", issue.getExpression());
            assertEquals(1, issue.getLine());
            assertTrue(issue.getColumn() > 0, issue.toString());
            // and the message has a summary line, then the error with its place
            String[] lines = error.getMessage().split("\n");
            assertEquals(2, lines.length, error.getMessage());
            assertTrue(lines[0].startsWith("traffic_policy is invalid (1 error)"), lines[0]);
            assertTrue(lines[1].contains("on_tcp_connect[0].expressions[0] (at 1:" + issue.getColumn()
                    + " of 'conn.server_port ==')"), lines[1]);
            // and nothing was reserved or put online
            assertEquals(validationsBefore + 1, policyEngine.validations());
            assertEquals(0, allocator.reserveCalls("carol"));
            assertTrue(Directory.online(channel, "carol").isEmpty());
        }
    }

    @Test
    void shouldRefuseBindWhenPolicyNamesAnUnknownAction() throws Exception {
        try (AgentClient agent = AgentClient.connect(channel, "dave")) {
            // When dave binds with a policy naming an action that does not exist
            BindResponse response = agent.bind(BindRequest.newBuilder()
                    .setUrl("tcp://ops.internal:22")
                    .setTrafficPolicy(UNKNOWN_ACTION));

            // Then the bind is refused, the error naming the action's place and the action
            Error error = response.getError();
            assertEquals("INVALID_ARGUMENT", error.getCode(), response.toString());
            assertEquals("traffic_policy", error.getField());
            assertTrue(error.getPolicyErrorsCount() >= 1, error.toString());
            PolicyIssue issue = error.getPolicyErrors(0);
            assertTrue(issue.getPath().startsWith("on_tcp_connect[0].actions[0]"), issue.getPath());
            assertTrue(issue.getMessage().contains("teleport"), issue.getMessage());
            assertTrue(error.getMessage().contains(issue.getPath()), error.getMessage());
            // and nothing is online
            assertTrue(Directory.online(channel, "dave").isEmpty());
        }
    }

    @Test
    void shouldNotAskPolicyEngineWhenBindHasNoPolicy() throws Exception {
        try (AgentClient agent = AgentClient.connect(channel, "erin")) {
            int validationsBefore = policyEngine.validations();

            // When erin binds without a policy
            BindResponse response = agent.bind(BindRequest.newBuilder().setUrl("tcp://"));

            // Then it is bound without asking the policy-engine, with no policy and no warning
            assertTrue(response.hasEndpoint(), response.toString());
            assertEquals("", response.getEndpoint().getTrafficPolicy());
            assertEquals(0, response.getPolicyWarningsCount());
            assertEquals(validationsBefore, policyEngine.validations());
        }
    }

    @Test
    void shouldCountBindOutcomesIncludingPolicyRefusals() throws Exception {
        try (AgentClient agent = AgentClient.connect(channel, "frank")) {
            // When one bind is refused for its policy
            agent.bind(BindRequest.newBuilder().setUrl("tcp://").setTrafficPolicy(BAD_CEL));

            // Then the metrics carry the outcome
            String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("portway_bridge_binds_total{")
                    && l.contains("outcome=\"policy_invalid\"") && !l.endsWith(" 0.0")), metrics);
        }
    }
}
