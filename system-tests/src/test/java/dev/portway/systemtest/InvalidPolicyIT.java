package dev.portway.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.CloudEndpoint;
import dev.portway.systemtest.support.AgentProcess;
import dev.portway.systemtest.support.AllocatorApi;
import dev.portway.systemtest.support.EchoServer;
import dev.portway.systemtest.support.PolicyApi;
import dev.portway.systemtest.support.PolicyFiles;
import dev.portway.systemtest.support.Probe;
import dev.portway.systemtest.support.ReferenceExample;
import dev.portway.systemtest.support.Suite;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Invalid traffic policies are refused where they are given (cloud endpoint create, agent bind, `portway policy
 * validate`) with messages naming the place, and nothing is stored, bound or reserved.
 */
class InvalidPolicyIT {

    /**
     * One mistake each; otherwise valid for both endpoint kinds (a last rule without expressions forwards), so the
     * mistake is the only error.
     */
    enum BadPolicy {
        BAD_CEL("""
                on_tcp_connect:
                  - expressions:
                      - "conn.server_port =="
                    actions:
                      - type: deny
                  - actions:
                      - type: forward-internal
                        config: { url: "tcp://fallback.internal:5432" }
                """, "on_tcp_connect[0].expressions[0]"),
        UNKNOWN_ACTION("""
                on_tcp_connect:
                  - actions:
                      - type: teleport
                  - actions:
                      - type: forward-internal
                        config: { url: "tcp://fallback.internal:5432" }
                """, "on_tcp_connect[0].actions[0]"),
        BAD_CIDR("""
                on_tcp_connect:
                  - actions:
                      - type: restrict-ips
                        config: { allow: ["10.0.0.0/8", "10.0.0.0/33"] }
                  - actions:
                      - type: forward-internal
                        config: { url: "tcp://fallback.internal:5432" }
                """, "on_tcp_connect[0].actions[0].config.allow[1]"),
        /** Valid for an agent endpoint (it runs out of actions into its upstream); a cloud endpoint has none. */
        NO_ENDING_ACTION_ON_CLOUD_ENDPOINT("""
                on_tcp_connect:
                  - expressions:
                      - "conn.server_port == 5432"
                    actions:
                      - type: forward-internal
                        config: { url: "tcp://db.internal:5432" }
                """, "on_tcp_connect");

        final String text;
        final String place;

        BadPolicy(String text, String place) {
            this.text = text;
            this.place = place;
        }

        boolean invalidForAgents() {
            return this != NO_ENDING_ACTION_ON_CLOUD_ENDPOINT;
        }
    }

    private static Suite suite;
    private static AllocatorApi alice;
    private static PolicyApi alicePolicies;
    private static EchoServer echo;
    private static String edgeIp;

    @BeforeAll
    static void start() {
        suite = Suite.start("invalidpolicy", 1, 1);
        alice = suite.allocatorAs(suite.aliceToken);
        alicePolicies = suite.policyEngineAs(suite.aliceToken);
        echo = new EchoServer();
        edgeIp = suite.edge().bindIp();
    }

    @AfterAll
    static void stop() {
        if (alice != null) {
            alice.close();
        }
        if (alicePolicies != null) {
            alicePolicies.close();
        }
        if (echo != null) {
            echo.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    @ParameterizedTest
    @EnumSource(BadPolicy.class)
    void shouldRefuseCloudEndpointWithInvalidPolicyNamingThePlaceAndStoreNothing(BadPolicy bad) {
        // Given an address Alice reserved, and her cloud endpoints
        Address address = alice.reserve();
        List<CloudEndpoint> before = alicePolicies.list();

        // When she creates a cloud endpoint on it with the invalid policy
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> alicePolicies.createCloudEndpoint(AllocatorApi.url(address), bad.text));

        // Then it is refused as INVALID_ARGUMENT naming the place
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode(), refused.toString());
        String message = refused.getStatus().getDescription();
        assertTrue(message != null && message.contains(bad.place), "expected " + bad.place + " in: " + message);
        // And nothing is stored, and nothing listens on the address
        assertEquals(before, alicePolicies.list());
        assertEquals(Probe.REFUSED, Probe.of(edgeIp, address.getPort()));
    }

    @Test
    void shouldRefuseCloudEndpointCreatedWithInvalidPolicyFromCommandLine() {
        // Given an address Alice reserved, and her cloud endpoints
        Address address = alice.reserve();
        List<CloudEndpoint> before = alicePolicies.list();

        // When she runs portway endpoints cloud create with a policy file whose CEL does not compile
        try (AgentProcess create = suite.cli("endpoints", "cloud", "create",
                "--url", AllocatorApi.url(address),
                "--traffic-policy-file", PolicyFiles.write(BadPolicy.BAD_CEL.text).toString(),
                "--policy-engine", suite.policyEngineTarget(),
                "--authtoken", suite.aliceToken)) {
            // Then it exits non-zero naming the place, and nothing is stored
            assertNotEquals(0, create.awaitExit(), create.stderr());
            assertTrue(create.stderr().contains(BadPolicy.BAD_CEL.place), create.stderr());
        }
        assertEquals(before, alicePolicies.list());
    }

    @ParameterizedTest
    @EnumSource(value = BadPolicy.class, names = "NO_ENDING_ACTION_ON_CLOUD_ENDPOINT", mode = EnumSource.Mode.EXCLUDE)
    void shouldRefuseAgentBindWithInvalidPolicyNamingThePlaceAndBindNothing(BadPolicy bad) {
        String policyFile = PolicyFiles.write(bad.text).toString();
        // Given an address Alice reserved
        Address address = alice.reserve();
        List<Address> before = alice.list();

        // When her agent binds it with the invalid policy
        try (AgentProcess agent = suite.agent(suite.aliceToken, suite.bridge(), echo.port(),
                AllocatorApi.url(address), "--traffic-policy-file", policyFile)) {
            // Then the agent exits non-zero, its stderr naming the place
            assertNotEquals(0, agent.awaitExit(), agent.stderr());
            assertTrue(agent.stderr().contains(bad.place), agent.stderr());
        }
        // And nothing was reserved or released, and nothing serves the address
        assertEquals(before, alice.list());
        assertEquals(Probe.REFUSED, Probe.of(edgeIp, address.getPort()));

        // When an agent asks for an ephemeral address with the invalid policy
        try (AgentProcess agent = suite.agent(suite.aliceToken, suite.bridge(), echo.port(), null,
                "--traffic-policy-file", policyFile)) {
            // Then it is refused the same way, before any address is reserved for it
            assertNotEquals(0, agent.awaitExit(), agent.stderr());
            assertTrue(agent.stderr().contains(bad.place), agent.stderr());
        }
        assertEquals(before, alice.list());
    }

    @ParameterizedTest
    @EnumSource(BadPolicy.class)
    void shouldFailPolicyValidateNamingThePlace(BadPolicy bad) {
        // Given the invalid policy in a file
        List<String> args = new ArrayList<>(List.of("policy", "validate"));
        if (!bad.invalidForAgents()) {
            args.addAll(List.of("--endpoint-kind", "cloud"));
        }
        args.add(PolicyFiles.write(bad.text).toString());

        // When portway policy validate checks it
        try (AgentProcess validate = suite.cli(args.toArray(String[]::new))) {
            // Then it exits non-zero, naming the place
            assertNotEquals(0, validate.awaitExit(), validate.stderr());
            String output = validate.stdout() + "\n" + validate.stderr();
            assertTrue(output.contains(bad.place), output);
        }
    }

    @Test
    void shouldAcceptReferencePolicyInPolicyValidateWithItsWarning() {
        // Given the reference's CloudEndpoint policy in a file
        String file = PolicyFiles.write(ReferenceExample.load().cloudEndpointPolicy()).toString();

        // When portway policy validate checks it for a cloud endpoint
        try (AgentProcess validate = suite.cli("policy", "validate", "--endpoint-kind", "cloud", file)) {
            // Then it exits 0 and warns that on_http_request runs at on_tcp_connect
            assertEquals(0, validate.awaitExit(), validate.stderr());
            String output = validate.stdout() + "\n" + validate.stderr();
            assertTrue(output.contains("on_http_request") && output.contains("warning"), output);
        }
    }
}
