package dev.portway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portway.agent.EndpointSpec;
import dev.portway.agent.HostPort;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Parsing and validation of {@code portway tcp}: every case here fails before anything connects
 * (the bridge address given is one nothing listens on, so a connection attempt would hang, not pass).
 */
class TcpCommandTest {

    private static final String NOWHERE = "127.0.0.1:1";

    @Test
    void shouldRefuseUpstreamThatIsNeitherPortNorHostPort() {
        // When
        CliRun run = CliRun.of("tcp", "abc", "--authtoken", "t", "--bridge", NOWHERE);

        // Then
        assertEquals(Cli.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("error: upstream: expected a port (e.g. 5432) or host:port"), run.err());
        assertTrue(run.err().contains("'abc'"), run.err());
        assertTrue(run.err().contains("portway tcp --help"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void shouldRefuseUpstreamPortOutOfRange() {
        for (String upstream : new String[] {"0", "65536", "db:99999", "db:0", "db:x"}) {
            // When
            CliRun run = CliRun.of("tcp", upstream, "--authtoken", "t", "--bridge", NOWHERE);

            // Then
            assertEquals(Cli.USAGE, run.exitCode(), upstream);
            assertTrue(run.err().startsWith("error: upstream: "), run.err());
        }
    }

    @Test
    void shouldRefuseMalformedUrl() {
        for (String url : new String[] {"http://x:1", "tcp://x", "tcp://x:0", "tcp://x:65536", "x:1", "tcp://x:1/db",
                "tcp://Bad_Name.internal:8443"}) {
            // When
            CliRun run = CliRun.of("tcp", "5432", "--url", url, "--authtoken", "t", "--bridge", NOWHERE);

            // Then
            assertEquals(Cli.USAGE, run.exitCode(), url);
            assertTrue(run.err().startsWith("error: --url: "), run.err());
        }
    }

    @Test
    void shouldRefuseAPolicyFileThatCannotBeReadBeforeConnecting() {
        // When
        CliRun run = CliRun.of("tcp", "5432", "--traffic-policy-file", "no/such/policy.yaml", "--authtoken", "t",
                "--bridge", NOWHERE);

        // Then
        assertEquals(Cli.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("error: --traffic-policy-file: no such file 'no/such/policy.yaml'"),
                run.err());
        assertTrue(run.err().contains("portway tcp --help"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void shouldReadThePolicyFileAndPoolingIntoTheEndpoint(@TempDir Path dir) throws Exception {
        // Given
        Path file = Files.writeString(dir.resolve("policy.yaml"), "on_tcp_connect:\n  - actions: [{type: deny}]\n");
        TcpCommand tcp = new TcpCommand();
        new CommandLine(tcp).parseArgs("5432", "--url", "tcp://example-service.internal:8443",
                "--traffic-policy-file", file.toString(), "--pooling-enabled");

        // When
        EndpointSpec endpoint = tcp.endpointSpec(new HostPort("localhost", 5432),
                Arguments.url(tcp.spec, tcp.url));

        // Then
        assertEquals("on_tcp_connect:\n  - actions: [{type: deny}]\n", endpoint.trafficPolicy());
        assertTrue(endpoint.poolingEnabled());
        assertEquals("tcp://example-service.internal:8443", endpoint.url());
    }

    @Test
    void shouldRefuseMalformedBridgeAddress() {
        // When
        CliRun run = CliRun.of("tcp", "5432", "--authtoken", "t", "--bridge", "bridge-without-port");

        // Then
        assertEquals(Cli.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("error: --bridge: expected host:port"), run.err());
    }

    @Test
    void shouldRefuseMissingAuthtokenNamingFlagAndEnvironment() {
        // Given no authtoken in the environment
        assumeTrue(System.getenv("PORTWAY_AUTHTOKEN") == null, "PORTWAY_AUTHTOKEN is set here");

        // When
        CliRun run = CliRun.of("tcp", "5432", "--bridge", NOWHERE);

        // Then
        assertEquals(Cli.USAGE, run.exitCode());
        assertTrue(run.err().contains("--authtoken"), run.err());
        assertTrue(run.err().contains("PORTWAY_AUTHTOKEN"), run.err());
    }

    @Test
    void shouldRefuseMissingUpstream() {
        // When
        CliRun run = CliRun.of("tcp", "--authtoken", "t");

        // Then
        assertEquals(Cli.USAGE, run.exitCode());
        assertTrue(run.err().contains("<port|host:port>"), run.err());
    }

    @Test
    void shouldDefaultToLocalBridgeAndEphemeralUrl() {
        // Given no bridge in the environment
        assumeTrue(System.getenv("PORTWAY_BRIDGE") == null, "PORTWAY_BRIDGE is set here");
        TcpCommand tcp = new TcpCommand();

        // When
        new CommandLine(tcp).parseArgs("5432");

        // Then
        assertEquals("localhost:7200", tcp.bridge);
        assertEquals("tcp://", tcp.url);
    }

    @Test
    void shouldReadBarePortAsLocalhost() {
        // Given
        var spec = new CommandLine(new TcpCommand()).getCommandSpec();

        // When / Then
        assertEquals(new HostPort("localhost", 5432), Arguments.upstream(spec, "5432"));
        assertEquals(new HostPort("db.internal", 5432), Arguments.upstream(spec, "db.internal:5432"));
    }

    @Test
    void shouldNeverShowTheAuthtokenInHelp() {
        // When
        CliRun run = CliRun.of("tcp", "--help", "--authtoken", "s3cret-token");

        // Then
        assertEquals(Cli.OK, run.exitCode());
        assertTrue(run.out().contains("--url"), run.out());
        assertFalse(run.out().contains("s3cret-token"), run.out());
    }

    @Test
    void shouldRequireACommand() {
        // When
        CliRun run = CliRun.of();

        // Then
        assertEquals(Cli.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("error: missing command"), run.err());
    }
}
