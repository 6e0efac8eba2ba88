package dev.portway.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evaluator as a table: policy × connection → decision, plus the effects (vars, events, rate limits). */
class PolicyEvaluationTest {

    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
    private static final EndpointFacts AGENT_ENDPOINT = EndpointFacts.ofUrl("ep_agent", "tcp://1.tcp.example.com:12345");

    /** Internal endpoints of the account: some online, one offline, some with their own policy. */
    private static final Map<String, InternalTarget> INTERNAL = Map.of(
            "tcp://online.internal:1", InternalTarget.online(facts("tcp://online.internal:1"), null),
            "tcp://offline.internal:1", InternalTarget.offline(facts("tcp://offline.internal:1")),
            "tcp://svc-12345.internal:1", InternalTarget.online(facts("tcp://svc-12345.internal:1"), null),
            "tcp://guarded.internal:1", InternalTarget.online(facts("tcp://guarded.internal:1"), agentPolicy("guarded",
                    "on_tcp_connect: [{actions: [{type: restrict-ips, config: {allow: [10.0.0.0/8]}}]}]")),
            "tcp://denier.internal:1", InternalTarget.online(facts("tcp://denier.internal:1"), agentPolicy("denier",
                    "on_tcp_connect: [{actions: [{type: deny}]}]")),
            "tcp://loop-a.internal:1", InternalTarget.online(facts("tcp://loop-a.internal:1"), agentPolicy("loop-a",
                    "on_tcp_connect: [{actions: [{type: forward-internal, config: {url: 'tcp://loop-b.internal:1'}}]}]")),
            "tcp://loop-b.internal:1", InternalTarget.online(facts("tcp://loop-b.internal:1"), agentPolicy("loop-b",
                    "on_tcp_connect: [{actions: [{type: forward-internal, config: {url: 'tcp://loop-a.internal:1'}}]}]")));

    private static EndpointFacts facts(String url) {
        return EndpointFacts.ofUrl("ep_" + url.substring(6, url.indexOf('.')), url);
    }

    private static CompiledPolicy agentPolicy(String id, String text) {
        return compile(id, text, EndpointKind.AGENT);
    }

    private static CompiledPolicy compile(String id, String text, EndpointKind kind) {
        try {
            return PolicyCompiler.compile(id, text, PolicyFormat.AUTO, kind);
        } catch (InvalidPolicyException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static EvaluationContext context(MutableClock clock) {
        return new EvaluationContext(url -> Optional.ofNullable(INTERNAL.get(url)), clock, new RateLimiter());
    }

    private static ConnectionFacts conn(String clientIp, int serverPort) {
        return ConnectionFacts.of(clientIp, 40000, clientIp.contains(":") ? "2001:db8:ffff::1" : "192.0.2.10",
                serverPort, T0);
    }

    /** ALLOW, CLOSE <reason>, or FORWARD <url> -> <the target's decision>. */
    private static String describe(Decision decision) {
        return switch (decision.outcome()) {
            case ALLOW -> "ALLOW";
            case CLOSE -> "CLOSE " + decision.closeReason();
            case FORWARD_INTERNAL -> "FORWARD " + decision.forwardUrl() + " -> " + describe(decision.next());
        };
    }

    private static final String ALLOW_OFFICE = """
            on_tcp_connect:
              - actions: [{type: restrict-ips, config: {allow: ["10.0.0.0/8", "2001:db8::/32"]}}]
            """;
    private static final String ALLOW_BUT_DENY_LAB = """
            on_tcp_connect:
              - actions: [{type: restrict-ips, config: {allow: ["10.0.0.0/8"], deny: ["10.66.0.0/16", "2001:db8:66::/48"]}}]
            """;
    private static final String DENY_ONLY = """
            on_tcp_connect:
              - actions: [{type: restrict-ips, config: {deny: ["198.51.100.0/24", "2001:db8:bad::/48"]}}]
            """;
    private static final String DRY_RUN = """
            on_tcp_connect:
              - actions: [{type: restrict-ips, config: {allow: ["10.0.0.0/8"], enforce: false}}]
              - expressions: ["!actions.ngrok.restrict_ips.allowed && conn.server_port == 2"]
                actions: [{type: close-connection}]
            """;
    private static final String PORT_RULES = """
            on_tcp_connect:
              - name: block admin port
                expressions: ["conn.server_port == 12345"]
                actions: [{type: deny}]
              - expressions: ["conn.server_port == 2", "inCidrRanges(conn.client_ip, ['10.0.0.0/8', '2001:db8::/32'])"]
                actions: [{type: close-connection}]
            """;

    private static String forward(String url, String onError) {
        return "{type: forward-internal, config: {url: '" + url + "', on_error: " + onError + "}}";
    }

    private static final String FORWARD_OR_DENY = "on_tcp_connect:\n"
            + "  - actions: [" + forward("tcp://offline.internal:1", "continue") + "]\n"
            + "  - actions: [{type: deny}]\n";
    private static final String FORWARD_OR_ONLINE = "on_tcp_connect:\n"
            + "  - actions: [" + forward("tcp://offline.internal:1", "continue") + ", {type: deny}]\n"
            + "  - actions: [" + forward("tcp://online.internal:1", "halt") + "]\n";
    private static final String VARS_THEN_EXPRESSION = """
            on_tcp_connect:
              - actions:
                  - type: set-vars
                    config:
                      vars:
                        - office: "${inCidrRange(conn.client_ip, '10.0.0.0/8') || inCidrRange(conn.client_ip, '2001:db8::/32')}"
                        - tier: gold
              - expressions: ["vars.office && vars.tier == 'gold'"]
                actions: [{type: forward-internal, config: {url: "tcp://online.internal:1"}}]
              - actions: [{type: deny}]
            """;
    private static final String FACTS = """
            on_tcp_connect:
              - expressions:
                  - "endpoint.host == '1.tcp.example.com' && endpoint.port == 12345 && endpoint.protocol == 'tcp'"
                  - "endpoint.id == 'ep_agent' && endpoint.url == 'tcp://1.tcp.example.com:12345'"
                  - "time.now >= conn.ts.start && conn.client_port == 40000 && conn.server_ip != ''"
                actions: [{type: deny}]
            """;

    static Stream<Arguments> table() {
        return Stream.of(
                // name, policy, kind, client IP, server port, decision
                Arguments.of("no rules, agent", "", EndpointKind.AGENT, "10.1.2.3", 1, "ALLOW"),
                Arguments.of("allow list, IPv4 in", ALLOW_OFFICE, EndpointKind.AGENT, "10.1.2.3", 1, "ALLOW"),
                Arguments.of("allow list, IPv4 out", ALLOW_OFFICE, EndpointKind.AGENT, "192.0.2.1", 1, "CLOSE RESTRICT_IPS"),
                Arguments.of("allow list, IPv6 in", ALLOW_OFFICE, EndpointKind.AGENT, "2001:db8::1", 1, "ALLOW"),
                Arguments.of("allow list, IPv6 out", ALLOW_OFFICE, EndpointKind.AGENT, "2001:db9::1", 1, "CLOSE RESTRICT_IPS"),
                Arguments.of("allow list, IPv4-mapped IPv6 in", ALLOW_OFFICE, EndpointKind.AGENT, "::ffff:10.9.9.9", 1, "ALLOW"),
                Arguments.of("allow and deny, IPv4 allowed", ALLOW_BUT_DENY_LAB, EndpointKind.AGENT, "10.1.1.1", 1, "ALLOW"),
                Arguments.of("allow and deny, IPv4 in deny", ALLOW_BUT_DENY_LAB, EndpointKind.AGENT, "10.66.0.5", 1, "CLOSE RESTRICT_IPS"),
                Arguments.of("allow and deny, IPv6 not allowed", ALLOW_BUT_DENY_LAB, EndpointKind.AGENT, "2001:db8:66::1", 1, "CLOSE RESTRICT_IPS"),
                Arguments.of("deny only, IPv4 elsewhere", DENY_ONLY, EndpointKind.AGENT, "192.0.2.1", 1, "ALLOW"),
                Arguments.of("deny only, IPv4 denied", DENY_ONLY, EndpointKind.AGENT, "198.51.100.77", 1, "CLOSE RESTRICT_IPS"),
                Arguments.of("deny only, IPv6 denied", DENY_ONLY, EndpointKind.AGENT, "2001:db8:bad::7", 1, "CLOSE RESTRICT_IPS"),
                Arguments.of("enforce false lets through", DRY_RUN, EndpointKind.AGENT, "192.0.2.1", 1, "ALLOW"),
                Arguments.of("enforce false, result in CEL", DRY_RUN, EndpointKind.AGENT, "192.0.2.1", 2, "CLOSE CLOSE_CONNECTION"),
                Arguments.of("enforce false, allowed in CEL", DRY_RUN, EndpointKind.AGENT, "10.0.0.1", 2, "ALLOW"),
                Arguments.of("expression on port, matches", PORT_RULES, EndpointKind.AGENT, "10.0.0.1", 12345, "CLOSE DENIED"),
                Arguments.of("expression on port, no match", PORT_RULES, EndpointKind.AGENT, "10.0.0.1", 80, "ALLOW"),
                Arguments.of("all expressions, IPv6", PORT_RULES, EndpointKind.AGENT, "2001:db8::5", 2, "CLOSE CLOSE_CONNECTION"),
                Arguments.of("all expressions, one false", PORT_RULES, EndpointKind.AGENT, "192.0.2.1", 2, "ALLOW"),
                Arguments.of("forward online", "on_tcp_connect: [{actions: [" + forward("tcp://online.internal:1", "halt") + "]}]",
                        EndpointKind.CLOUD, "192.0.2.1", 1, "FORWARD tcp://online.internal:1 -> ALLOW"),
                Arguments.of("forward offline, halt", "on_tcp_connect: [{actions: [" + forward("tcp://offline.internal:1", "halt") + "]}]",
                        EndpointKind.CLOUD, "192.0.2.1", 1, "CLOSE FORWARD_TARGET_OFFLINE"),
                Arguments.of("forward unknown, halt", "on_tcp_connect: [{actions: [" + forward("tcp://nobody.internal:1", "halt") + "]}]",
                        EndpointKind.CLOUD, "192.0.2.1", 1, "CLOSE FORWARD_TARGET_OFFLINE"),
                Arguments.of("forward offline, continue to deny", FORWARD_OR_DENY, EndpointKind.CLOUD, "192.0.2.1", 1, "CLOSE DENIED"),
                Arguments.of("forward offline, continue skips the rule's rest", FORWARD_OR_ONLINE, EndpointKind.CLOUD, "192.0.2.1", 1,
                        "FORWARD tcp://online.internal:1 -> ALLOW"),
                Arguments.of("forward offline, continue, agent falls through", "on_tcp_connect: [{actions: ["
                        + forward("tcp://offline.internal:1", "continue") + "]}]", EndpointKind.AGENT, "192.0.2.1", 1, "ALLOW"),
                Arguments.of("target's policy allows", "on_tcp_connect: [{actions: [" + forward("tcp://guarded.internal:1", "halt") + "]}]",
                        EndpointKind.CLOUD, "10.3.3.3", 1, "FORWARD tcp://guarded.internal:1 -> ALLOW"),
                Arguments.of("target's policy restricts", "on_tcp_connect: [{actions: [" + forward("tcp://guarded.internal:1", "halt") + "]}]",
                        EndpointKind.CLOUD, "192.0.2.1", 1, "FORWARD tcp://guarded.internal:1 -> CLOSE RESTRICT_IPS"),
                Arguments.of("target's policy denies", "on_tcp_connect: [{actions: [" + forward("tcp://denier.internal:1", "halt") + "]}]",
                        EndpointKind.CLOUD, "10.3.3.3", 1, "FORWARD tcp://denier.internal:1 -> CLOSE DENIED"),
                Arguments.of("forward loop stops at max depth", "on_tcp_connect: [{actions: [" + forward("tcp://loop-a.internal:1", "halt") + "]}]",
                        EndpointKind.CLOUD, "10.3.3.3", 1, "FORWARD tcp://loop-a.internal:1 -> FORWARD tcp://loop-b.internal:1"
                                + " -> FORWARD tcp://loop-a.internal:1 -> FORWARD tcp://loop-b.internal:1 -> CLOSE FORWARD_TOO_DEEP"),
                Arguments.of("interpolated forward URL", "on_tcp_connect: [{actions: ["
                        + forward("tcp://svc-${conn.server_port}.internal:1", "halt") + "]}]",
                        EndpointKind.CLOUD, "10.3.3.3", 12345, "FORWARD tcp://svc-12345.internal:1 -> ALLOW"),
                Arguments.of("interpolated forward URL, not internal", "on_tcp_connect: [{actions: ["
                        + forward("tcp://svc-${conn.server_port}.example.com:1", "halt") + "]}]",
                        EndpointKind.CLOUD, "10.3.3.3", 12345, "CLOSE FORWARD_TARGET_INVALID"),
                Arguments.of("set-vars then expression, IPv4 office", VARS_THEN_EXPRESSION, EndpointKind.CLOUD, "10.0.0.9", 1,
                        "FORWARD tcp://online.internal:1 -> ALLOW"),
                Arguments.of("set-vars then expression, IPv6 office", VARS_THEN_EXPRESSION, EndpointKind.CLOUD, "2001:db8::9", 1,
                        "FORWARD tcp://online.internal:1 -> ALLOW"),
                Arguments.of("set-vars then expression, elsewhere", VARS_THEN_EXPRESSION, EndpointKind.CLOUD, "192.0.2.1", 1,
                        "CLOSE DENIED"),
                Arguments.of("endpoint, time and conn facts", FACTS, EndpointKind.AGENT, "192.0.2.1", 1, "CLOSE DENIED"),
                Arguments.of("macros: has() and exists()", "on_tcp_connect: [{expressions: [\"has(conn.client_ip) &&"
                        + " ['10.0.0.0/8', '192.0.2.0/24'].exists(c, inCidrRange(conn.client_ip, c))\"],"
                        + " actions: [{type: deny}]}]", EndpointKind.AGENT, "192.0.2.44", 1, "CLOSE DENIED"),
                Arguments.of("expression failing at run time is false", "on_tcp_connect: [{expressions: ['vars.never_set == 1'],"
                        + " actions: [{type: deny}]}]", EndpointKind.AGENT, "192.0.2.1", 1, "ALLOW"));
    }

    @ParameterizedTest(name = "{0}: {5}")
    @MethodSource("table")
    void shouldDecideEachConnectionAsTheTableSays(String name, String policy, EndpointKind kind, String clientIp,
            int serverPort, String expected) {
        // Given
        CompiledPolicy compiled = compile("pol_" + name.replace(' ', '_'), policy, kind);

        // When
        Decision decision = compiled.evaluate(conn(clientIp, serverPort), AGENT_ENDPOINT, context(new MutableClock(T0)));

        // Then
        assertEquals(expected, describe(decision), decision.toString());
    }

    @Test
    void shouldExplainWhyItCloses() {
        // When
        Decision decision = compile("p", ALLOW_BUT_DENY_LAB, EndpointKind.AGENT)
                .evaluate(conn("10.66.1.1", 1), AGENT_ENDPOINT, context(new MutableClock(T0)));

        // Then
        assertEquals("client IP 10.66.1.1 matches deny entry 10.66.0.0/16 (restrict-ips of on_tcp_connect[0].actions[0])",
                decision.detail());
        assertTrue(decision.closes());
    }

    @Test
    void shouldReportWhatANonEnforcingRestrictIpsWouldHaveDone() {
        // When
        Decision decision = compile("dry", DRY_RUN, EndpointKind.AGENT)
                .evaluate(conn("2001:db8::1", 1), AGENT_ENDPOINT, context(new MutableClock(T0)));

        // Then
        assertEquals(Decision.Outcome.ALLOW, decision.outcome());
        assertEquals(1, decision.events().size());
        LogEvent event = decision.events().get(0);
        assertEquals(LogEvent.Kind.RESTRICT_IPS_NOT_ENFORCED, event.kind());
        assertEquals("dry", event.policyId());
        assertEquals(Map.of("client_ip", "2001:db8::1", "would_close", "client IP 2001:db8::1 is in no allow entry"
                + " (restrict-ips of on_tcp_connect[0].actions[0])"), event.metadata());
    }

    @Test
    void shouldEmitLogEventsWithInterpolatedMetadataAndKeepVars() {
        // Given
        CompiledPolicy policy = compile("logger", """
                on_tcp_connect:
                  - name: audit
                    actions:
                      - type: set-vars
                        config: { vars: [ { port: "${conn.server_port}" }, { label: "p-${conn.server_port}" }, { n: 3 } ] }
                      - type: log
                        config:
                          metadata:
                            client: "${conn.client_ip}:${conn.client_port}"
                            endpoint: "${endpoint.url}"
                            label: "${vars.label}"
                            static: hello
                """, EndpointKind.AGENT);

        // When
        Decision decision = policy.evaluate(conn("2001:db8::7", 443), AGENT_ENDPOINT, context(new MutableClock(T0)));

        // Then
        assertEquals(Decision.Outcome.ALLOW, decision.outcome());
        assertEquals(Map.of("port", 443L, "label", "p-443", "n", 3L), decision.vars());
        LogEvent event = decision.events().get(0);
        assertEquals(new LogEvent(LogEvent.Kind.LOG, "logger", "on_tcp_connect", 0, "audit", 1, Map.of(
                "client", "2001:db8::7:40000", "endpoint", "tcp://1.tcp.example.com:12345", "label", "p-443",
                "static", "hello")), event);
        assertEquals(List.of("client", "endpoint", "label", "static"), List.copyOf(event.metadata().keySet()));
    }

    @Test
    void shouldReportExpressionsThatFailAtRunTime() {
        // When
        Decision decision = compile("p", "on_tcp_connect: [{expressions: ['vars.never_set == 1'], actions: [{type: deny}]}]",
                EndpointKind.AGENT).evaluate(conn("10.0.0.1", 1), AGENT_ENDPOINT, context(new MutableClock(T0)));

        // Then
        LogEvent event = decision.events().get(0);
        assertEquals(LogEvent.Kind.EXPRESSION_ERROR, event.kind());
        assertEquals(-1, event.actionIndex());
        assertEquals("expressions[0]", event.metadata().get("field"));
        assertTrue(event.metadata().get("error").contains("never_set"), event.metadata().toString());
    }

    @Test
    void shouldRateLimitPerBucketKeyUntilTheWindowHasPassed() {
        // Given 2 new connections per minute per client IP
        CompiledPolicy policy = compile("limited", """
                on_tcp_connect:
                  - actions:
                      - type: rate-limit
                        config: { capacity: 2, rate: 60s, bucket_key: conn.client_ip }
                """, EndpointKind.AGENT);
        MutableClock clock = new MutableClock(T0);
        EvaluationContext context = context(clock);

        // When / Then: the third connection of one IP within the window closes, another IP is unaffected
        assertEquals("ALLOW", describe(policy.evaluate(conn("10.0.0.1", 1), AGENT_ENDPOINT, context)));
        assertEquals("ALLOW", describe(policy.evaluate(conn("10.0.0.1", 1), AGENT_ENDPOINT, context)));
        Decision limited = policy.evaluate(conn("10.0.0.1", 1), AGENT_ENDPOINT, context);
        assertEquals("CLOSE RATE_LIMITED", describe(limited));
        assertEquals("more than 2 new connections per 60s for this bucket (rate-limit of on_tcp_connect[0].actions[0])",
                limited.detail());
        assertEquals("ALLOW", describe(policy.evaluate(conn("2001:db8::1", 1), AGENT_ENDPOINT, context)));

        // When half a window passed: one token is back
        clock.advance(Duration.ofSeconds(30));
        assertEquals("ALLOW", describe(policy.evaluate(conn("10.0.0.1", 1), AGENT_ENDPOINT, context)));
        assertEquals("CLOSE RATE_LIMITED", describe(policy.evaluate(conn("10.0.0.1", 1), AGENT_ENDPOINT, context)));

        // When a whole window passed: the full capacity is back
        clock.advance(Duration.ofSeconds(60));
        assertEquals("ALLOW", describe(policy.evaluate(conn("10.0.0.1", 1), AGENT_ENDPOINT, context)));
        assertEquals("ALLOW", describe(policy.evaluate(conn("10.0.0.1", 1), AGENT_ENDPOINT, context)));
        assertEquals("CLOSE RATE_LIMITED", describe(policy.evaluate(conn("10.0.0.1", 1), AGENT_ENDPOINT, context)));
    }

    @Test
    void shouldCollectEventsAlongTheForwardChain() {
        // Given a cloud policy that logs, forwarding to a target whose policy logs too
        CompiledPolicy target = agentPolicy("target", "on_tcp_connect: [{actions: [{type: log, config: {metadata: {at: target}}}]}]");
        CompiledPolicy cloud = compile("cloud", "on_tcp_connect: [{actions: [{type: log, config: {metadata: {at: cloud}}}, "
                + forward("tcp://t.internal:1", "halt") + "]}]", EndpointKind.CLOUD);
        EvaluationContext context = new EvaluationContext(
                url -> Optional.of(InternalTarget.online(facts("tcp://t.internal:1"), target)), new MutableClock(T0),
                new RateLimiter());

        // When
        Decision decision = cloud.evaluate(conn("10.0.0.1", 1), AGENT_ENDPOINT, context);

        // Then
        assertEquals(List.of("cloud", "target"), decision.allEvents().stream().map(e -> e.metadata().get("at")).toList());
        assertEquals("tcp://t.internal:1", decision.terminal().endpointUrl());
    }

    @Test
    void shouldStopRunawayComprehensionsAndCountThemAsFalse() {
        // Given an expression whose comprehension would iterate 1,001 times per connection
        Decision decision = compile("p", "on_tcp_connect: [{expressions: ['range10k()'], actions: [{type: deny}]}]"
                .replace("range10k()", "[" + "1,".repeat(1_000) + "1].all(x, x == 1)"), EndpointKind.AGENT)
                .evaluate(conn("10.0.0.1", 1), AGENT_ENDPOINT, context(new MutableClock(T0)));

        // Then
        assertEquals("ALLOW", describe(decision));
        assertEquals(LogEvent.Kind.EXPRESSION_ERROR, decision.events().get(0).kind());
    }
}
