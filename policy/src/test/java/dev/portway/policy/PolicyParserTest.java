package dev.portway.policy;

import dev.portway.policy.model.Action;
import dev.portway.policy.model.PolicyDocument;
import dev.portway.policy.model.Rule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyParserTest {

    private static final String YAML = """
            on_tcp_connect:
              - name: allow office
                expressions:
                  - "conn.server_port == 12345"
                actions:
                  - type: restrict-ips
                    config: { allow: ["10.0.0.0/8", "2001:db8::/32"] }
                  - type: forward-internal
                    config: { url: "tcp://example-service.internal:8443" }
            """;

    private static final String JSON = """
            {"on_tcp_connect": [{"name": "allow office",
              "expressions": ["conn.server_port == 12345"],
              "actions": [
                {"type": "restrict-ips", "config": {"allow": ["10.0.0.0/8", "2001:db8::/32"]}},
                {"type": "forward-internal", "config": {"url": "tcp://example-service.internal:8443"}}]}]}
            """;

    private static PolicyDocument parsed(String text) {
        ParseResult result = PolicyParser.parse(text, PolicyFormat.AUTO);
        assertEquals(List.of(), result.errors());
        return result.document().orElseThrow();
    }

    private static PolicyIssue onlyError(String text) {
        ParseResult result = PolicyParser.parse(text, PolicyFormat.AUTO);
        assertEquals(1, result.errors().size(), result.errors().toString());
        return result.errors().get(0);
    }

    @Test
    void shouldReadTheSameRulesFromYamlAndJson() {
        // When
        PolicyDocument fromYaml = parsed(YAML);
        PolicyDocument fromJson = parsed(JSON);

        // Then
        assertEquals(fromYaml, fromJson);
        Rule rule = fromYaml.rules().get(0);
        assertEquals("on_tcp_connect", rule.phase());
        assertEquals("allow office", rule.name());
        assertEquals(List.of("conn.server_port == 12345"), rule.expressions());
        assertEquals(new Action.RestrictIps(0, List.of("10.0.0.0/8", "2001:db8::/32"), List.of(), true),
                rule.actions().get(0));
        assertEquals(new Action.ForwardInternal(1, "tcp://example-service.internal:8443", Action.OnError.HALT),
                rule.actions().get(1));
    }

    @Test
    void shouldDetectJsonByItsOpeningBrace() {
        assertEquals(PolicyFormat.JSON, PolicyParser.detect("  \n{\"on_tcp_connect\": []}"));
        assertEquals(PolicyFormat.YAML, PolicyParser.detect("on_tcp_connect: []"));
    }

    @Test
    void shouldReadEveryActionWithItsConfig() {
        // Given
        String text = """
                on_tcp_connect:
                  - actions:
                      - type: set-vars
                        config: { vars: [ { tier: gold }, { limit: 5 }, { vip: true }, { ip: "${conn.client_ip}" } ] }
                      - type: log
                        config: { metadata: { msg: "hello ${conn.client_ip}", n: 3 } }
                      - type: rate-limit
                        config: { name: per-ip, algorithm: sliding_window, capacity: 10, rate: 60s, bucket_key: [ conn.client_ip ] }
                      - type: forward-internal
                        config: { url: "tcp://a.internal:1", on_error: continue }
                      - type: close-connection
                      - type: deny
                """;

        // When
        List<Action> actions = parsed(text).rules().get(0).actions();

        // Then
        Action.SetVars vars = (Action.SetVars) actions.get(0);
        assertEquals(List.of("tier", "limit", "vip", "ip"), vars.vars().stream().map(Map.Entry::getKey).toList());
        assertEquals(List.of("gold", 5L, true, "${conn.client_ip}"),
                vars.vars().stream().map(Map.Entry::getValue).toList());
        assertEquals(Map.of("msg", "hello ${conn.client_ip}", "n", "3"), ((Action.Log) actions.get(1)).metadata());
        assertEquals(new Action.RateLimit(2, "per-ip", List.of("conn.client_ip"), 10, "60s"), actions.get(2));
        assertEquals(Action.OnError.CONTINUE, ((Action.ForwardInternal) actions.get(3)).onError());
        assertEquals(new Action.CloseConnection(4), actions.get(4));
        assertEquals(new Action.Deny(5), actions.get(5));
    }

    @Test
    void shouldTreatBlankTextAsAPolicyWithoutRules() {
        assertEquals(List.of(), parsed("  ").rules());
        assertEquals(List.of(), parsed("# nothing yet\n").rules());
    }

    @Test
    void shouldRefuseAnUnknownPhaseNamingIt() {
        // When
        PolicyIssue error = onlyError("on_tcp_close:\n  - actions: [{type: deny}]\n");

        // Then
        assertEquals("on_tcp_close", error.phase());
        assertEquals("on_tcp_close: unknown phase 'on_tcp_close'; a tcp:// endpoint runs on_tcp_connect",
                error.toString());
    }

    @Test
    void shouldRefuseAnUnknownActionTypeWithItsRuleAndActionIndex() {
        // When
        PolicyIssue error = onlyError("""
                on_tcp_connect:
                  - actions: [{type: deny}]
                  - expressions: []
                    actions:
                      - type: log
                      - type: add-headers
                        config: { headers: { x: y } }
                """);

        // Then
        assertEquals(1, error.ruleIndex());
        assertEquals(1, error.actionIndex());
        assertEquals("type", error.field());
        assertEquals("on_tcp_connect[1].actions[1].type", error.path());
        assertTrue(error.message().startsWith("unknown action type 'add-headers' for a tcp:// endpoint; use one of"
                + " restrict-ips, deny, close-connection, forward-internal, log, set-vars, rate-limit"),
                error.message());
    }

    @Test
    void shouldRefuseUnknownFieldsOfRulesActionsAndConfigs() {
        // When
        ParseResult result = PolicyParser.parse("""
                {"on_tcp_connect": [
                  {"nmae": "typo", "actions": [{"type": "deny"}]},
                  {"actions": [{"type": "restrict-ips", "config": {"allow": ["10.0.0.0/8"], "enforced": false}},
                               {"type": "deny", "confg": {}}]}]}
                """, PolicyFormat.JSON);

        // Then
        assertEquals(List.of(
                        "on_tcp_connect[0].nmae: unknown field 'nmae' of a rule has 'name', 'expressions' and 'actions';"
                                + " known fields: actions, expressions, name",
                        "on_tcp_connect[1].actions[0].config.enforced: unknown field 'enforced' of restrict-ips;"
                                + " known fields: allow, deny, enforce",
                        "on_tcp_connect[1].actions[1].confg: unknown field 'confg' of an action has 'type' and"
                                + " 'config'; known fields: config, type"),
                result.errors().stream().map(PolicyIssue::toString).toList());
    }

    @Test
    void shouldRefuseWrongValueTypesNamingTheField() {
        // When
        ParseResult result = PolicyParser.parse("""
                on_tcp_connect:
                  - expressions: "conn.server_port == 1"
                    actions:
                      - type: restrict-ips
                        config: { allow: [ 10 ], enforce: "no" }
                      - type: rate-limit
                        config: { capacity: 0, rate: 60s }
                      - type: forward-internal
                        config: { on_error: retry }
                """, PolicyFormat.YAML);

        // Then
        List<String> paths = result.errors().stream().map(PolicyIssue::path).toList();
        assertEquals(List.of("on_tcp_connect[0].expressions",
                "on_tcp_connect[0].actions[0].config.allow[0]",
                "on_tcp_connect[0].actions[0].config.enforce",
                "on_tcp_connect[0].actions[1].config.capacity",
                "on_tcp_connect[0].actions[2].config.url",
                "on_tcp_connect[0].actions[2].config.on_error"), paths);
    }

    @Test
    void shouldReportSyntaxErrorsWithTheirLine() {
        // When
        PolicyIssue yaml = onlyError("on_tcp_connect:\n  - actions: [{type: deny}\n  - bad: [\n");
        PolicyIssue json = onlyError("{\"on_tcp_connect\": [\n  {\"actions\": }\n]}");

        // Then
        assertTrue(PolicyParser.parse("{", PolicyFormat.AUTO).document().isEmpty());
        assertTrue(yaml.message().startsWith("not valid YAML: "), yaml.message());
        assertTrue(yaml.line() >= 2, yaml.toString());
        assertTrue(json.message().startsWith("not valid JSON: "), json.message());
        assertEquals(2, json.line(), json.toString());
    }

    @Test
    void shouldRefuseDuplicateKeys() {
        PolicyIssue error = onlyError("on_tcp_connect: []\non_tcp_connect: []\n");
        assertTrue(error.message().contains("Duplicate field 'on_tcp_connect'"), error.message());
    }

    @Test
    void shouldApplyHttpPhasesAtConnectWithAWarning() {
        // When
        ParseResult result = PolicyParser.parse("""
                on_http_request:
                  - actions: [{type: deny}]
                """, PolicyFormat.YAML);

        // Then
        assertEquals(List.of(), result.errors());
        assertEquals(1, result.warnings().size());
        PolicyIssue warning = result.warnings().get(0);
        assertEquals("on_http_request", warning.phase());
        assertTrue(warning.message().contains("its rules are applied at on_tcp_connect instead"), warning.message());
        assertEquals("on_http_request", result.document().orElseThrow().rules().get(0).phase());
    }
}
