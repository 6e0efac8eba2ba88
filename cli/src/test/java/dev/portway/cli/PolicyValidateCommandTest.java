package dev.portway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portway policy validate}: the real policy library, run locally, on real files. */
class PolicyValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldAcceptTheReferenceCloudEndpointPolicyWithTheHttpPhaseWarning() {
        // Given the policy of the reference's CloudEndpoint (on_http_request on a tcp:// URL)
        Path file = PolicyFiles.write(dir, "reference.yaml", PolicyFiles.referenceCloudEndpointPolicy());

        for (String kind : new String[] {"agent", "cloud"}) {
            // When
            CliRun run = CliRun.of("policy", "validate", "--endpoint-kind", kind, file.toString());

            // Then it is valid for both kinds, with the warning naming the phase
            assertEquals(Cli.OK, run.exitCode(), run.out() + run.err());
            List<String> lines = run.out().lines().toList();
            assertEquals(file + ": valid for a" + (kind.equals("agent") ? "n agent" : " cloud")
                    + " endpoint (0 errors, 1 warning)", lines.get(0));
            assertEquals(2, lines.size(), run.out());
            assertTrue(lines.get(1).startsWith("  warning: on_http_request: "), lines.get(1));
            assertTrue(lines.get(1).contains("applied at on_tcp_connect"), lines.get(1));
            assertEquals("", run.err());
        }
    }

    @Test
    void shouldAcceptTheExamplesTheReadmeUses() {
        // When
        CliRun agent = CliRun.of("policy", "validate", PolicyFiles.EXAMPLES.resolve("restrict-ips.yaml").toString());
        CliRun cloud = CliRun.of("policy", "validate", "--endpoint-kind", "cloud",
                PolicyFiles.EXAMPLES.resolve("cloud-endpoint-forward.yaml").toString());

        // Then
        assertEquals(Cli.OK, agent.exitCode(), agent.out());
        assertTrue(agent.out().endsWith("restrict-ips.yaml: valid for an agent endpoint (0 errors, 0 warnings)\n"),
                agent.out());
        assertEquals(Cli.OK, cloud.exitCode(), cloud.out());
        assertTrue(cloud.out().endsWith("cloud-endpoint-forward.yaml: valid for a cloud endpoint (0 errors, 0"
                + " warnings)\n"), cloud.out());
    }

    @Test
    void shouldReportBadCelWithItsPathPositionAndTheCompilersMessage() {
        // Given
        Path file = PolicyFiles.write(dir, "bad-cel.yaml", """
                on_tcp_connect:
                  - expressions:
                      - "conn.server_port == 22"
                      - "conn.server_port == "
                    actions:
                      - type: deny
                """);

        // When
        CliRun run = CliRun.of("policy", "validate", file.toString());

        // Then
        assertEquals(Cli.FAILED, run.exitCode());
        List<String> lines = run.out().lines().toList();
        assertEquals(file + ": invalid for an agent endpoint (1 error, 0 warnings)", lines.get(0));
        assertTrue(lines.get(1).startsWith("  error: on_tcp_connect[0].expressions[1] (at 1:21 of 'conn.server_port"
                + " == '): mismatched input '<EOF>'"), lines.get(1));
        assertEquals(2, lines.size(), run.out());
    }

    @Test
    void shouldReportUnknownActionAndBadCidrTogetherEachWithItsPath() {
        // Given
        Path file = PolicyFiles.write(dir, "bad.yaml", """
                on_tcp_connect:
                  - actions:
                      - type: restrict-ips
                        config:
                          allow: ["10.0.0.0/8", "2001:db8::/32", "10.0.0.300/8"]
                      - type: teleport
                """);

        // When
        CliRun run = CliRun.of("policy", "validate", file.toString());

        // Then
        assertEquals(Cli.FAILED, run.exitCode());
        assertTrue(run.out().startsWith(file + ": invalid for an agent endpoint (2 errors, 0 warnings)\n"), run.out());
        assertTrue(run.out().contains("  error: on_tcp_connect[0].actions[1].type: unknown action type 'teleport'"),
                run.out());
        assertTrue(run.out().contains("  error: on_tcp_connect[0].actions[0].config.allow[2]: '10.0.0.300/8' is not"
                + " a CIDR"), run.out());
    }

    @Test
    void shouldRequireAnEndingRuleOnlyForACloudEndpoint() {
        // Given a policy that lets connections through to the agent's own upstream
        Path file = PolicyFiles.write(dir, "no-ending.yaml", """
                on_tcp_connect:
                  - expressions: ["conn.client_port > 1024"]
                    actions:
                      - type: forward-internal
                        config: { url: "tcp://svc.internal:5432" }
                """);

        // When
        CliRun agent = CliRun.of("policy", "validate", file.toString());
        CliRun cloud = CliRun.of("policy", "validate", "--endpoint-kind", "CLOUD", file.toString());

        // Then
        assertEquals(Cli.OK, agent.exitCode(), agent.out());
        assertEquals(Cli.FAILED, cloud.exitCode(), cloud.out());
        assertTrue(cloud.out().contains("  error: on_tcp_connect: a cloud endpoint has no upstream of its own"),
                cloud.out());
    }

    @Test
    void shouldWriteTheReportAsJsonWithThePolicyIssueFields() throws Exception {
        // Given
        Path file = PolicyFiles.write(dir, "bad.json", """
                {"on_tcp_connect": [{"actions": [{"type": "restrict-ips", "config": {"deny": ["300.1.1.1"]}}]}],
                 "on_http_request": [{"actions": [{"type": "deny"}]}]}
                """);

        // When
        CliRun run = CliRun.of("policy", "validate", "--output", "json", file.toString());

        // Then
        assertEquals(Cli.FAILED, run.exitCode());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals("agent", report.get("endpoint_kind").asText());
        assertFalse(report.get("valid").asBoolean());
        JsonNode error = report.get("errors").get(0);
        assertEquals("ERROR", error.get("severity").asText());
        assertEquals("on_tcp_connect[0].actions[0].config.deny[0]", error.get("path").asText());
        assertEquals(0, error.get("rule_index").asInt());
        assertEquals(0, error.get("action_index").asInt());
        assertEquals("config.deny[0]", error.get("field").asText());
        assertEquals("on_http_request", report.get("warnings").get(0).get("phase").asText());
    }

    @Test
    void shouldReadStandardInputForDash() {
        // Given
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream("on_tcp_connect: [{actions: [{type: deny}]}]\n"
                .getBytes(StandardCharsets.UTF_8)));
        try {
            // When
            CliRun run = CliRun.of("policy", "validate", "--endpoint-kind", "cloud", "-");

            // Then
            assertEquals(Cli.OK, run.exitCode(), run.out() + run.err());
            assertEquals("<stdin>: valid for a cloud endpoint (0 errors, 0 warnings)\n", run.out());
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void shouldExitWithUsageErrorForAFileThatCannotBeRead() {
        // When
        CliRun missing = CliRun.of("policy", "validate", dir.resolve("nope.yaml").toString());
        CliRun directory = CliRun.of("policy", "validate", dir.toString());
        CliRun none = CliRun.of("policy", "validate");

        // Then
        assertEquals(Cli.USAGE, missing.exitCode());
        assertTrue(missing.err().startsWith("error: <file>: no such file '" + dir.resolve("nope.yaml") + "'"),
                missing.err());
        assertTrue(missing.err().contains("portway policy validate --help"), missing.err());
        assertEquals("", missing.out());
        assertEquals(Cli.USAGE, directory.exitCode());
        assertTrue(directory.err().contains("is a directory"), directory.err());
        assertEquals(Cli.USAGE, none.exitCode());
        assertTrue(none.err().contains("<file>"), none.err());
    }

    @Test
    void shouldRefuseFileThatIsNotUtf8() throws Exception {
        // Given
        Path file = dir.resolve("latin1.yaml");
        java.nio.file.Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

        // When
        CliRun run = CliRun.of("policy", "validate", file.toString());

        // Then
        assertEquals(Cli.USAGE, run.exitCode());
        assertTrue(run.err().contains("is not UTF-8 text"), run.err());
    }

    @Test
    void shouldRefuseUnknownEndpointKindAndOutputListingTheChoices() {
        // Given
        Path file = PolicyFiles.write(dir, "ok.yaml", "on_tcp_connect: []\n");

        // When
        CliRun kind = CliRun.of("policy", "validate", "--endpoint-kind", "edge", file.toString());
        CliRun output = CliRun.of("policy", "validate", "--output", "xml", file.toString());

        // Then
        assertEquals(Cli.USAGE, kind.exitCode());
        assertTrue(kind.err().startsWith("error: --endpoint-kind: expected agent"), kind.err());
        assertTrue(kind.err().contains("or cloud"), kind.err());
        assertEquals(Cli.USAGE, output.exitCode());
        assertTrue(output.err().startsWith("error: --output: expected text or json, got 'xml'"), output.err());
    }

    @Test
    void shouldRequireASubcommand() {
        // When
        CliRun run = CliRun.of("policy");

        // Then
        assertEquals(Cli.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("error: missing command: use validate"), run.err());
    }
}
