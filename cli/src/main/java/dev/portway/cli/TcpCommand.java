package dev.portway.cli;

import dev.portway.agent.EndpointSpec;
import dev.portway.agent.HostPort;
import dev.portway.agent.PortwayAgent;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code portway tcp 5432}: binds a public TCP address to a local port until Ctrl-C. */
@Command(
        name = "tcp",
        mixinStandardHelpOptions = true,
        description = {
            "Expose a local TCP service on a public address.",
            "",
            "Prints 'url: tcp://host:port' once the endpoint is bound, then carries every connection"
                    + " to that address to the upstream until Ctrl-C, which unbinds it. Events (reconnects,"
                    + " address changes, the traffic policy's warnings) go to stderr; a changed address is"
                    + " also printed as a new 'url:' line. A refused traffic policy prints every error with"
                    + " its place and exits 1.",
            ""
        },
        footer = {"", "Examples:", "  portway tcp 5432", "  portway tcp db.internal:5432 --url tcp://1.tcp.portway.local:20001",
            "  portway tcp 5432 --traffic-policy-file examples/restrict-ips.yaml",
            "  portway tcp 8443 --url tcp://example-service.internal:8443 --pooling-enabled"})
public class TcpCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<port|host:port>",
            description = "Upstream to carry connections to: a port on localhost, or host:port.")
    String upstream;

    @Option(names = "--url", paramLabel = "tcp://host:port", defaultValue = "tcp://",
            description = "Address to bind: one your account reserved (portway addresses reserve), tcp:// for a"
                    + " new ephemeral one (default), or tcp://<name>.internal:<port> for an internal endpoint"
                    + " (no reservation; reachable only through forward-internal from your other endpoints).")
    String url;

    @Option(names = "--traffic-policy-file", paramLabel = "<file>",
            description = "A traffic policy (YAML or JSON; on_tcp_connect rules) that decides each connection"
                    + " before it reaches the upstream; check it with portway policy validate <file>.")
    String trafficPolicyFile;

    @Option(names = "--pooling-enabled",
            description = "Share the URL with other agents (or a cloud endpoint) that enable pooling too; each"
                    + " connection goes to one of them at random.")
    boolean poolingEnabled;

    @Option(names = "--authtoken", paramLabel = "TOKEN", defaultValue = "${env:PORTWAY_AUTHTOKEN}",
            showDefaultValue = Visibility.NEVER,
            description = "Your account's authtoken (default: $PORTWAY_AUTHTOKEN).")
    String authtoken;

    @Option(names = "--bridge", paramLabel = "host:port", defaultValue = "${env:PORTWAY_BRIDGE:-localhost:7200}",
            description = "The bridge's gRPC address (default: $PORTWAY_BRIDGE or localhost:7200; now"
                    + " ${DEFAULT-VALUE}).")
    String bridge;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "",
            description = "Shown next to the endpoint in listings.")
    String description;

    @Spec
    CommandSpec spec;

    /** Tests that run the command inside their own JVM leave its signal handlers alone. */
    boolean handleSignals = true;

    /** Completed with the exit code: by Ctrl-C / SIGTERM, a fatal error, or {@link #requestStop()}. */
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    @Override
    public Integer call() {
        HostPort upstreamAddress = Arguments.upstream(spec, upstream);
        String endpointUrl = Arguments.url(spec, url);
        HostPort bridgeAddress = Arguments.address(spec, bridge, "--bridge");
        String token = Arguments.authtoken(spec, authtoken);
        EndpointSpec endpoint = endpointSpec(upstreamAddress, endpointUrl);

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TcpEventPrinter printer = new TcpEventPrinter(out, err, exit, trafficPolicyFile);
        if (handleSignals) {
            Signals.onStopRequest(this::requestStop);
        }
        try (PortwayAgent agent = PortwayAgent.builder()
                .bridge(bridgeAddress)
                .authtoken(token)
                .agentVersion("portway-cli/" + PortwayCommand.VERSION)
                .listener(printer)
                .build()) {
            agent.start();
            agent.bind(endpoint).whenComplete((bound, error) -> {
                if (error != null) {
                    printer.failBind(Cli.unwrap(error));
                } else {
                    printer.firstBound(bound);
                }
            });
            int code = exit.join();
            if (code == Cli.OK) {
                err.println("stopping: unbinding " + endpointUrlOrPending(printer));
                err.flush();
            }
            return code;
        }
    }

    /** What to bind; reads the policy file (a usage error if it cannot be read). */
    EndpointSpec endpointSpec(HostPort upstreamAddress, String endpointUrl) {
        String policy = trafficPolicyFile == null ? ""
                : PolicyFile.read(spec, "--traffic-policy-file", trafficPolicyFile);
        return EndpointSpec.builder()
                .url(endpointUrl)
                .upstream(upstreamAddress)
                .description(description)
                .poolingEnabled(poolingEnabled)
                .trafficPolicy(policy)
                .build();
    }

    /** Unbinds and ends the command with 0, as Ctrl-C does. */
    void requestStop() {
        exit.complete(Cli.OK);
    }

    private static String endpointUrlOrPending(TcpEventPrinter printer) {
        String current = printer.currentUrl();
        return current == null ? "(nothing bound yet)" : current;
    }
}
