package dev.portway.policy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyCompilerTest {

    /** The CloudEndpoint example of the product reference (tcp-routing.md), exactly as it is written there. */
    static final String REFERENCE_CLOUD_ENDPOINT_POLICY = """
            on_http_request:
            - actions:
              - type: forward-internal
                config:
                  url: tcp://example-service.internal:8443
            """;

    private static List<PolicyIssue> errors(String text, EndpointKind kind) {
        return PolicyCompiler.validate(text, PolicyFormat.AUTO, kind).errors();
    }

    private static PolicyIssue onlyError(String text) {
        List<PolicyIssue> errors = errors(text, EndpointKind.AGENT);
        assertEquals(1, errors.size(), errors.toString());
        return errors.get(0);
    }

    @Test
    void shouldReportBadCelWithItsPositionAndTheCompilersMessage() {
        // When
        PolicyIssue error = onlyError("""
                on_tcp_connect:
                  - expressions: ["conn.server_port == 1", "conn.server_port == "]
                    actions: [{type: deny}]
                """);

        // Then
        assertEquals("expressions[1]", error.field());
        assertEquals("conn.server_port == ", error.expression());
        assertEquals(1, error.line());
        assertEquals(21, error.column());
        assertTrue(error.message().startsWith("mismatched input '<EOF>'"), error.message());
        assertTrue(error.toString().startsWith(
                "on_tcp_connect[0].expressions[1] (at 1:21 of 'conn.server_port == '): mismatched input"),
                error.toString());
    }

    @Test
    void shouldRequireRuleExpressionsToBeBoolean() {
        PolicyIssue error = onlyError("on_tcp_connect: [{expressions: ['conn.server_port + 1'], actions: [{type: deny}]}]");
        assertEquals("expected type 'bool' but found 'int'", error.message());
        assertEquals(18, error.column());
    }

    @Test
    void shouldRefuseUnknownVariablesAndFieldsAtCompileTime() {
        // When
        List<PolicyIssue> errors = errors("""
                on_tcp_connect:
                  - expressions:
                      - "conn.client_pi == '10.0.0.1'"
                      - "request.method == 'GET'"
                      - "conn.ts.end > time.now"
                      - "vars.anything == 1 && endpoint.port == 1 && actions.ngrok.restrict_ips.allowed"
                    actions: [{type: deny}]
                """, EndpointKind.AGENT);

        // Then
        assertEquals(3, errors.size(), errors.toString());
        assertEquals("conn has no field 'client_pi'; known: conn.client_ip, conn.client_port, conn.server_ip,"
                + " conn.server_port, conn.ts", errors.get(0).message());
        assertEquals(5, errors.get(0).column());
        assertTrue(errors.get(1).message().startsWith("undeclared reference to 'request'"), errors.get(1).message());
        assertEquals("conn.ts has no field 'end'; known: conn.ts.start", errors.get(2).message());
    }

    @Test
    void shouldNameTheBadCidrEntry() {
        // When
        List<PolicyIssue> errors = errors("""
                on_tcp_connect:
                  - actions:
                      - type: restrict-ips
                        config:
                          allow: ["10.0.0.0/8", "10.0.0.300/8", "2001:db8::/129"]
                  - expressions: ["inCidrRange(conn.client_ip, '192.168.0.0/33')"]
                    actions: [{type: deny}]
                """, EndpointKind.AGENT);

        // Then
        assertEquals(List.of(
                "on_tcp_connect[0].actions[0].config.allow[1]: '10.0.0.300/8' is not a CIDR: '10.0.0.300' is not an"
                        + " IPv4 or IPv6 address; write e.g. 10.0.0.0/8 or 2001:db8::/32",
                "on_tcp_connect[0].actions[0].config.allow[2]: '2001:db8::/129' is not a CIDR: the prefix length must"
                        + " be 0-128 for an IPv6 address",
                "on_tcp_connect[1].expressions[0] (at 1:29 of 'inCidrRange(conn.client_ip, '192.168.0.0/33')'):"
                        + " '192.168.0.0/33' is not a CIDR: the prefix length must be 0-32 for an IPv4 address"),
                errors.stream().map(PolicyIssue::toString).toList());
    }

    @Test
    void shouldRefuseAnUnknownActionWithItsPlace() {
        PolicyIssue error = onlyError("on_tcp_connect: [{actions: [{type: deny}, {type: custom-response}]}]");
        assertEquals("on_tcp_connect[0].actions[1].type", error.path());
    }

    @Test
    void shouldRefuseACloudPolicyWithoutAnUnconditionalEnding() {
        // Given: every ending is conditional, or may continue
        String policy = """
                on_tcp_connect:
                  - expressions: ["conn.server_port == 1"]
                    actions: [{type: deny}]
                  - actions:
                      - type: forward-internal
                        config: { url: "tcp://a.internal:1", on_error: continue }
                """;

        // When
        List<PolicyIssue> errors = errors(policy, EndpointKind.CLOUD);

        // Then
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("on_tcp_connect", errors.get(0).path());
        assertTrue(errors.get(0).message().startsWith("a cloud endpoint has no upstream of its own, so its policy"
                + " must end every connection's decision: add a rule without expressions"), errors.get(0).message());
        // And the same policy is fine on an agent endpoint (it falls through to the agent's upstream)
        assertEquals(List.of(), errors(policy, EndpointKind.AGENT));
        // And an empty policy is refused for a cloud endpoint only
        assertEquals(1, errors("", EndpointKind.CLOUD).size());
        assertEquals(List.of(), errors("", EndpointKind.AGENT));
    }

    @Test
    void shouldAcceptACloudPolicyEndingInAnUnconditionalRule() {
        assertEquals(List.of(), errors("""
                on_tcp_connect:
                  - expressions: ["conn.server_port == 1"]
                    actions: [{type: forward-internal, config: {url: "tcp://a.internal:1"}}]
                  - actions: [{type: restrict-ips, config: {allow: ["10.0.0.0/8"]}}, {type: close-connection}]
                """, EndpointKind.CLOUD));
    }

    @Test
    void shouldRefuseForwardTargetsThatAreNotInternal() {
        PolicyIssue error = onlyError("""
                on_tcp_connect: [{actions: [{type: forward-internal, config: {url: "tcp://db.example.com:5432"}}]}]
                """);
        assertEquals("on_tcp_connect[0].actions[0].config.url", error.path());
        assertTrue(error.message().startsWith("'tcp://db.example.com:5432' is not an internal endpoint URL;"),
                error.message());
    }

    @Test
    void shouldCheckInterpolationsDurationsAndBucketKeys() {
        // When
        List<PolicyIssue> errors = errors("""
                on_tcp_connect:
                  - actions:
                      - type: log
                        config: { metadata: { who: "${conn.client_ip", what: "${conn.nope}" } }
                      - type: rate-limit
                        config: { capacity: 5, rate: 1 minute, bucket_key: ["conn.client_ip +"] }
                """, EndpointKind.AGENT);

        // Then
        assertEquals(List.of("on_tcp_connect[0].actions[0].config.metadata.who",
                        "on_tcp_connect[0].actions[0].config.metadata.what",
                        "on_tcp_connect[0].actions[1].config.rate",
                        "on_tcp_connect[0].actions[1].config.bucket_key[0]"),
                errors.stream().map(PolicyIssue::path).toList());
        assertEquals("'1 minute' is not a duration; write e.g. 500ms, 60s, 5m or 1h30m", errors.get(2).message());
    }

    @Test
    void shouldWarnAboutActionsAndRulesThatNeverRun() {
        // When
        Validation validation = PolicyCompiler.validate("""
                on_tcp_connect:
                  - actions: [{type: deny}, {type: log}]
                  - actions: [{type: close-connection}]
                """, PolicyFormat.YAML, EndpointKind.AGENT);

        // Then
        assertTrue(validation.valid());
        assertEquals(List.of("on_tcp_connect[0].actions[1]", "on_tcp_connect[1]"),
                validation.warnings().stream().map(PolicyIssue::path).toList());
    }

    @Test
    void shouldApplyTheReferencesCloudEndpointPolicyAtConnectWithAWarning() throws Exception {
        // When
        CompiledPolicy policy = PolicyCompiler.compile("cep_reference", REFERENCE_CLOUD_ENDPOINT_POLICY,
                PolicyFormat.AUTO, EndpointKind.CLOUD);

        // Then it is accepted, with one warning that says what happens
        assertEquals(1, policy.warnings().size());
        PolicyIssue warning = policy.warnings().get(0);
        assertEquals(PolicyIssue.Severity.WARNING, warning.severity());
        assertEquals("on_http_request: on_http_request does not exist on tcp:// endpoints (a TCP connection carries"
                + " no HTTP request or response): its rules are applied at on_tcp_connect instead; rename the phase"
                + " to on_tcp_connect", warning.toString());

        // And it forwards connections to the internal endpoint
        EndpointFacts target = EndpointFacts.ofUrl("ep_1", "tcp://example-service.internal:8443");
        EvaluationContext context = new EvaluationContext(
                url -> url.equals(target.url()) ? java.util.Optional.of(InternalTarget.online(target, null))
                        : java.util.Optional.empty(),
                java.time.Clock.systemUTC(), new RateLimiter());
        Decision decision = policy.evaluate(
                ConnectionFacts.of("203.0.113.7", 50000, "192.0.2.1", 12345, java.time.Instant.now()),
                EndpointFacts.ofUrl("cep_reference", "tcp://1.tcp.ngrok.io:12345"), context);
        assertEquals(Decision.Outcome.FORWARD_INTERNAL, decision.outcome());
        assertEquals("tcp://example-service.internal:8443", decision.forwardUrl());
        assertEquals(Decision.Outcome.ALLOW, decision.terminal().outcome());
    }

    @Test
    void shouldThrowEveryErrorWhenCompilingAnInvalidPolicy() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> PolicyCompiler.compile("p",
                "on_tcp_connect: [{expressions: ['1 +'], actions: [{type: nope}]}]", PolicyFormat.YAML,
                EndpointKind.AGENT));
        assertEquals(2, e.validation().errors().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("the traffic policy has 2 errors:\n"), e.getMessage());
    }

    @Test
    void shouldRefuseExpressionsTooLongForTheDataPath() {
        String huge = "conn.server_port == 1" + " || conn.server_port == 1".repeat(200);
        PolicyIssue error = onlyError("on_tcp_connect: [{expressions: ['" + huge + "'], actions: [{type: deny}]}]");
        assertEquals("expressions[0]", error.field());
        assertTrue(error.message().contains("4096"), error.message());
    }
}
