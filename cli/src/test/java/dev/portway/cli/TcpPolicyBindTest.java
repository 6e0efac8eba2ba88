package dev.portway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.BindRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code portway tcp --traffic-policy-file}: the real command (and the real agent library) against a
 * real gRPC bridge whose policy decisions come from the real policy library ({@link InTestBridge}).
 */
class TcpPolicyBindTest {

    @TempDir
    Path dir;

    private InTestBridge bridge;
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws Exception {
        bridge = new InTestBridge();
    }

    @AfterEach
    void stop() throws Exception {
        background.shutdownNow();
        bridge.close();
    }

    /** The command running in the background, and what it printed so far. */
    private record Running(TcpCommand command, Future<Integer> exit, StringWriter out, StringWriter err) {
        String awaitOut(String text) throws InterruptedException {
            // Bounded wait for behaviour, not a timing assertion.
            for (int i = 0; i < 200 && !out.toString().contains(text); i++) {
                Thread.sleep(50);
            }
            assertTrue(out.toString().contains(text), "expected '" + text + "' on stdout; got: " + out + err);
            return out.toString();
        }

        int exitCode() throws Exception {
            return exit.get(15, TimeUnit.SECONDS);
        }
    }

    private Running tcp(String... args) {
        TcpCommand command = new TcpCommand();
        command.handleSignals = false;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Cli.configure(new CommandLine(command))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--authtoken", InTestBridge.AUTHTOKEN, "--bridge", bridge.address()}, 0, all,
                args.length, 4);
        return new Running(command, background.submit(() -> commandLine.execute(all)), out, err);
    }

    @Test
    void shouldSendThePolicyWithTheBindAndPrintItsWarnings() throws Exception {
        // Given the reference's CloudEndpoint policy, bound by an agent on an internal URL with pooling
        String policy = PolicyFiles.referenceCloudEndpointPolicy();
        Path file = PolicyFiles.write(dir, "reference.yaml", policy);

        // When
        Running run = tcp("8443", "--url", "tcp://example-service.internal:8443", "--pooling-enabled",
                "--traffic-policy-file", file.toString());
        BindRequest bind = bridge.nextBind();
        String out = run.awaitOut("url: ");
        run.command().requestStop();

        // Then
        assertEquals(Cli.OK, run.exitCode(), run.err().toString());
        assertEquals(policy, bind.getTrafficPolicy());
        assertTrue(bind.getPoolingEnabled());
        assertEquals("tcp://example-service.internal:8443", bind.getUrl());
        assertEquals("url: tcp://example-service.internal:8443\n", out);
        List<String> err = run.err().toString().lines().toList();
        assertTrue(err.get(0).startsWith("warning: " + file + ": on_http_request: "), run.err().toString());
        assertTrue(err.get(0).contains("applied at on_tcp_connect"), err.get(0));
    }

    @Test
    void shouldPrintEveryPolicyErrorWithItsPlaceWhenTheBindIsRefused() throws Exception {
        // Given
        Path file = PolicyFiles.write(dir, "bad.yaml", """
                on_tcp_connect:
                  - expressions: ["conn.client_pi == '1.2.3.4'"]
                    actions:
                      - type: restrict-ips
                        config: { deny: ["10.0.0.0/33"] }
                """);

        // When
        Running run = tcp("5432", "--traffic-policy-file", file.toString());

        // Then
        assertEquals(Cli.FAILED, run.exitCode());
        assertEquals("", run.out().toString());
        List<String> err = run.err().toString().lines().toList();
        assertEquals("error: the bridge refused the bind: the traffic policy " + file + " has 2 errors"
                + " (INVALID_ARGUMENT):", err.get(0));
        assertTrue(err.stream().anyMatch(line -> line.startsWith("  on_tcp_connect[0].expressions[0] (at 1:")
                && line.contains("of 'conn.client_pi == '1.2.3.4''): ")), run.err().toString());
        assertTrue(err.stream().anyMatch(line -> line.startsWith("  on_tcp_connect[0].actions[0].config.deny[0]: ")),
                run.err().toString());
        assertEquals(3, err.size(), run.err().toString());
    }

    @Test
    void shouldBindWithoutAPolicyWhenNoneIsGiven() throws Exception {
        // When
        Running run = tcp("5432");
        BindRequest bind = bridge.nextBind();
        run.awaitOut("url: tcp://localhost:21234");
        run.command().requestStop();

        // Then
        assertEquals(Cli.OK, run.exitCode(), run.err().toString());
        assertEquals("", bind.getTrafficPolicy());
        assertEquals(false, bind.getPoolingEnabled());
        assertTrue(run.err().toString().startsWith("stopping: unbinding tcp://localhost:21234"), run.err().toString());
    }
}
