package dev.portway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.CreateCloudEndpointRequest;
import dev.portway.api.v1.UpdateCloudEndpointRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portway endpoints cloud ...} against a real gRPC PolicyService whose policy decisions come
 * from the real policy library ({@link InTestPolicyEngine}).
 */
class CloudEndpointsCommandTest {

    private static final String URL = "tcp://1.tcp.portway.local:20001";
    private static final String FORWARD = """
            on_tcp_connect:
              - actions:
                  - type: forward-internal
                    config: { url: "tcp://example-service.internal:8443" }
            """;

    @TempDir
    Path dir;

    private InTestPolicyEngine engine;

    @BeforeEach
    void start() throws Exception {
        engine = new InTestPolicyEngine();
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--policy-engine", engine.address(), "--authtoken", "tok-1"}, 0, all,
                args.length, 4);
        return CliRun.of(all);
    }

    private String file(String name, String policy) {
        return PolicyFiles.write(dir, name, policy).toString();
    }

    @Test
    void shouldCreateAndPrintIdUrlPoolingAndTheWarningsOnStderr() {
        // Given the reference's CloudEndpoint policy (on_http_request on a tcp:// URL)
        String policy = file("reference.yaml", PolicyFiles.referenceCloudEndpointPolicy());

        // When
        CliRun run = run("endpoints", "cloud", "create", "--url", URL, "--traffic-policy-file", policy,
                "--pooling-enabled", "--description", "front door", "--metadata", "team=data", "--metadata",
                "tier=gold");

        // Then
        assertEquals(Cli.OK, run.exitCode(), run.err());
        CloudEndpoint stored = engine.byUrl(URL).orElseThrow();
        assertEquals("id: " + stored.getId() + "\nurl: " + URL + "\npooling: enabled\n", run.out());
        assertTrue(run.err().startsWith("warning: on_http_request: "), run.err());
        assertTrue(run.err().contains("applied at on_tcp_connect"), run.err());
        CreateCloudEndpointRequest request = (CreateCloudEndpointRequest) engine.requests.get(0);
        assertEquals(PolicyFiles.referenceCloudEndpointPolicy(), request.getTrafficPolicy());
        assertTrue(request.getPoolingEnabled());
        assertEquals("front door", request.getDescription());
        assertEquals(Map.of("team", "data", "tier", "gold"), request.getMetadataMap());
        assertEquals(List.of("Bearer tok-1"), engine.authorizations);
    }

    @Test
    void shouldRefuseAnInvalidPolicyWithEveryErrorAndItsPlaceAndStoreNothing() {
        // Given bad CEL, an unknown action, a bad CIDR and no ending rule
        String policy = file("bad.yaml", """
                on_tcp_connect:
                  - expressions: ["conn.server_port == "]
                    actions:
                      - type: restrict-ips
                        config: { allow: ["10.0.0.300/8"] }
                      - type: teleport
                """);

        // When
        CliRun run = run("endpoints", "cloud", "create", "--url", URL, "--traffic-policy-file", policy);

        // Then
        assertEquals(Cli.FAILED, run.exitCode());
        assertEquals("", run.out());
        List<String> lines = run.err().lines().toList();
        assertEquals("error: INVALID_ARGUMENT: traffic_policy is not valid for a cloud endpoint (4 errors; nothing"
                + " was stored):", lines.get(0));
        assertTrue(lines.contains("  on_tcp_connect[0].actions[1].type: unknown action type 'teleport' for a tcp://"
                + " endpoint; use one of restrict-ips, deny, close-connection, forward-internal, log, set-vars,"
                + " rate-limit"), run.err());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  on_tcp_connect[0].expressions[0] (at 1:21 of"
                + " 'conn.server_port == '): mismatched input")), run.err());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  on_tcp_connect[0].actions[0].config.allow[0]:"
                + " '10.0.0.300/8' is not a CIDR")), run.err());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  on_tcp_connect: a cloud endpoint has no"
                + " upstream of its own")), run.err());
        assertTrue(engine.endpoints.isEmpty());
    }

    @Test
    void shouldTellToReserveTheAddressFirst() {
        // When
        CliRun run = run("endpoints", "cloud", "create", "--url", "tcp://1.tcp.portway.local:20777",
                "--traffic-policy-file", file("forward.yaml", FORWARD));

        // Then
        assertEquals(Cli.FAILED, run.exitCode());
        assertTrue(run.err().startsWith("error: FAILED_PRECONDITION: url tcp://1.tcp.portway.local:20777 is not an"
                + " address your account reserved; reserve it first (portway addresses reserve --host"
                + " 1.tcp.portway.local --port 20777)"), run.err());
        assertTrue(engine.endpoints.isEmpty());
    }

    @Test
    void shouldReportAUrlThatAlreadyHasACloudEndpointAndWhereToFindIt() {
        // Given
        engine.store("acme", URL, FORWARD);

        // When
        CliRun run = run("endpoints", "cloud", "create", "--url", URL, "--traffic-policy-file",
                file("forward.yaml", FORWARD));

        // Then
        assertEquals(Cli.FAILED, run.exitCode());
        assertEquals("error: ALREADY_EXISTS: url " + URL + " already has a cloud endpoint; update that one"
                + " (UpdateCloudEndpoint) or delete it first\n  its id is in: portway endpoints cloud list\n",
                run.err());
        assertEquals(1, engine.endpoints.size());
    }

    @Test
    void shouldRefuseEphemeralInternalOrMalformedUrlsBeforeCalling() {
        // Given
        String policy = file("forward.yaml", FORWARD);

        for (String url : new String[] {"tcp://", "tcp://example-service.internal:8443", "http://x:1", "tcp://x"}) {
            // When
            CliRun run = run("endpoints", "cloud", "create", "--url", url, "--traffic-policy-file", policy);

            // Then
            assertEquals(Cli.USAGE, run.exitCode(), url);
            assertTrue(run.err().startsWith("error: --url: "), run.err());
        }
        assertTrue(engine.requests.isEmpty());
    }

    @Test
    void shouldRefuseAMissingOrUnreadablePolicyFileBeforeCalling() {
        // When
        CliRun missingOption = run("endpoints", "cloud", "create", "--url", URL);
        CliRun missingFile = run("endpoints", "cloud", "create", "--url", URL, "--traffic-policy-file",
                dir.resolve("nope.yaml").toString());

        // Then
        assertEquals(Cli.USAGE, missingOption.exitCode());
        assertTrue(missingOption.err().startsWith("error: --traffic-policy-file: missing"), missingOption.err());
        assertEquals(Cli.USAGE, missingFile.exitCode());
        assertTrue(missingFile.err().startsWith("error: --traffic-policy-file: no such file"), missingFile.err());
        assertTrue(engine.requests.isEmpty());
    }

    @Test
    void shouldListEveryPageAsATable() {
        // Given three cloud endpoints of the account (two per page) and one of another account
        engine.store("acme", "tcp://1.tcp.portway.local:20003", FORWARD);
        engine.store("acme", URL, PolicyFiles.referenceCloudEndpointPolicy());
        engine.store("acme", "tcp://1.tcp.portway.local:20002", FORWARD);
        engine.store("globex", "tcp://1.tcp.portway.local:20009", FORWARD);

        // When
        CliRun run = run("endpoints", "cloud", "list");

        // Then
        assertEquals(Cli.OK, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size(), run.out());
        assertTrue(lines.get(0).matches("ID\\s+URL\\s+POOLING\\s+WARNINGS\\s+DESCRIPTION\\s+UPDATED"), lines.get(0));
        assertTrue(lines.get(1).matches("cep_\\d+\\s+tcp://1.tcp.portway.local:20001\\s+disabled\\s+1\\s+-\\s+20.*Z"),
                lines.get(1));
        assertTrue(lines.get(2).contains("tcp://1.tcp.portway.local:20002"), lines.get(2));
        assertTrue(lines.get(3).contains("tcp://1.tcp.portway.local:20003"), lines.get(3));
        assertEquals(2, engine.requests.size());
    }

    @Test
    void shouldDeleteByIdAndSayWhichUrlItHad() {
        // Given
        CloudEndpoint stored = engine.store("acme", URL, FORWARD);

        // When
        CliRun run = run("endpoints", "cloud", "delete", stored.getId());

        // Then
        assertEquals(Cli.OK, run.exitCode(), run.err());
        assertEquals("deleted: " + URL + "\nid: " + stored.getId() + "\n", run.out());
        assertTrue(engine.endpoints.isEmpty());
    }

    @Test
    void shouldReportAnUnknownIdWithWhereToLook() {
        // When
        CliRun run = run("endpoints", "cloud", "delete", "cep_404");

        // Then
        assertEquals(Cli.FAILED, run.exitCode());
        assertEquals("error: NOT_FOUND: no cloud endpoint has id 'cep_404'; list yours with ListCloudEndpoints\n"
                + "  your cloud endpoints are in: portway endpoints cloud list\n", run.err());
    }

    @Test
    void shouldNotTouchAnotherAccountsCloudEndpoint() {
        // Given
        CloudEndpoint theirs = engine.store("globex", "tcp://1.tcp.portway.local:20009", FORWARD);

        // When
        CliRun run = run("endpoints", "cloud", "delete", theirs.getId());

        // Then
        assertEquals(Cli.FAILED, run.exitCode());
        assertTrue(run.err().startsWith("error: NOT_FOUND: "), run.err());
        assertEquals(1, engine.endpoints.size());
    }

    @Test
    void shouldUpdateOnlyWhatIsGivenAndKeepTheRest() {
        // Given
        CloudEndpoint stored = engine.store("acme", URL, FORWARD);
        String newPolicy = file("deny.yaml", "on_tcp_connect:\n  - actions: [{type: deny}]\n");
        CliRun described = run("endpoints", "cloud", "update", stored.getId(), "--description", "postgres",
                "--metadata", "team=data");

        // When
        CliRun run = run("endpoints", "cloud", "update", stored.getId(), "--traffic-policy-file", newPolicy,
                "--pooling-enabled");

        // Then
        assertEquals(Cli.OK, described.exitCode(), described.err());
        assertEquals(Cli.OK, run.exitCode(), run.err());
        assertEquals("id: " + stored.getId() + "\nurl: " + URL + "\npooling: enabled\n", run.out());
        UpdateCloudEndpointRequest last = (UpdateCloudEndpointRequest) engine.requests.get(engine.requests.size() - 1);
        assertEquals("on_tcp_connect:\n  - actions: [{type: deny}]\n", last.getTrafficPolicy());
        assertEquals("postgres", last.getDescription());
        assertEquals(Map.of("team", "data"), last.getMetadataMap());
        assertTrue(last.getPoolingEnabled());
        CloudEndpoint now = engine.endpoints.get(stored.getId());
        assertEquals("postgres", now.getDescription());
        assertTrue(now.getTrafficPolicy().contains("deny"));
    }

    @Test
    void shouldRefuseAnUpdateThatChangesNothing() {
        // When
        CliRun run = run("endpoints", "cloud", "update", "cep_1");

        // Then
        assertEquals(Cli.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("error: nothing to change: give --traffic-policy-file"), run.err());
        assertTrue(engine.requests.isEmpty());
    }

    @Test
    void shouldRefuseAnInvalidPolicyOnUpdateAndKeepTheOldOne() {
        // Given
        CloudEndpoint stored = engine.store("acme", URL, FORWARD);
        String bad = file("log-only.yaml", "on_tcp_connect:\n  - actions: [{type: log}]\n");

        // When
        CliRun run = run("endpoints", "cloud", "update", stored.getId(), "--traffic-policy-file", bad);

        // Then
        assertEquals(Cli.FAILED, run.exitCode());
        assertTrue(run.err().startsWith("error: INVALID_ARGUMENT: traffic_policy is not valid for a cloud endpoint"
                + " (1 error; nothing was stored):\n  on_tcp_connect: a cloud endpoint has no upstream"), run.err());
        assertEquals(FORWARD, engine.endpoints.get(stored.getId()).getTrafficPolicy());
    }

    @Test
    void shouldGetOneWithItsPolicyAndWarnings() {
        // Given
        CloudEndpoint stored = engine.store("acme", URL, PolicyFiles.referenceCloudEndpointPolicy());

        // When
        CliRun run = run("endpoints", "cloud", "get", stored.getId());

        // Then
        assertEquals(Cli.OK, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("id: " + stored.getId(), lines.get(0));
        assertEquals("url: " + URL, lines.get(1));
        assertEquals("pooling: disabled", lines.get(2));
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("warning: on_http_request: ")), run.out());
        int policyAt = lines.indexOf("traffic_policy:");
        assertTrue(policyAt > 0, run.out());
        assertEquals("  on_http_request:", lines.get(policyAt + 1));
    }

    @Test
    void shouldReportAnUnreachablePolicyEngineAndHowToFixIt() {
        // When
        CliRun run = CliRun.of("endpoints", "cloud", "list", "--policy-engine", "127.0.0.1:1", "--authtoken", "t");

        // Then
        assertEquals(Cli.FAILED, run.exitCode());
        assertTrue(run.err().startsWith("error: UNAVAILABLE: cannot reach the policy-engine at 127.0.0.1:1"), run.err());
        assertTrue(run.err().contains("is it running (./portway up starts it)?"), run.err());
        assertTrue(run.err().contains("--policy-engine or PORTWAY_POLICY_ENGINE"), run.err());
    }

    @Test
    void shouldReportARefusedAuthtokenAndWhereItComesFrom() {
        // When
        CliRun run = CliRun.of("endpoints", "cloud", "list", "--policy-engine", engine.address(), "--authtoken",
                "wrong");

        // Then
        assertEquals(Cli.FAILED, run.exitCode());
        assertTrue(run.err().startsWith("error: UNAUTHENTICATED: authtoken not recognised"), run.err());
        assertTrue(run.err().contains("check --authtoken or PORTWAY_AUTHTOKEN"), run.err());
    }

    @Test
    void shouldRequireASubcommandAtEachLevel() {
        // When
        CliRun endpoints = CliRun.of("endpoints");
        CliRun cloud = CliRun.of("endpoints", "cloud");

        // Then
        assertEquals(Cli.USAGE, endpoints.exitCode());
        assertTrue(endpoints.err().startsWith("error: missing command: use cloud"), endpoints.err());
        assertEquals(Cli.USAGE, cloud.exitCode());
        assertTrue(cloud.err().startsWith("error: missing command: use create, update, delete, get or list"),
                cloud.err());
        assertFalse(cloud.err().contains("Exception"), cloud.err());
    }
}
