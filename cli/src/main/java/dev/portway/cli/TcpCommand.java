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
                    + " address changes) go to stderr; a changed address is also printed as a new 'url:'"
                    + " line.",
            ""
        },
        footer = {"", "Examples:", "  portway tcp 5432", "  portway tcp db.internal:5432 --url tcp://1.tcp.portway.local:20001"})
public class TcpCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<port|host:port>",
            description = "Upstream to carry connections to: a port on localhost, or host:port.")
    String upstream;

    @Option(names = "--url", paramLabel = "tcp://host:port", defaultValue = "tcp://",
            description = "Address to bind: one your account reserved (portway addresses reserve), or"
                    + " tcp:// for a new ephemeral one (default).")
    String url;

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

    @Override
    public Integer call() {
        HostPort upstreamAddress = Arguments.upstream(spec, upstream);
        String endpointUrl = Arguments.url(spec, url);
        HostPort bridgeAddress = Arguments.address(spec, bridge, "--bridge");
        String token = Arguments.authtoken(spec, authtoken);
        EndpointSpec endpoint = EndpointSpec.builder()
                .url(endpointUrl)
                .upstream(upstreamAddress)
                .description(description)
                .build();

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        TcpEventPrinter printer = new TcpEventPrinter(out, err, exit);
        Signals.onStopRequest(() -> exit.complete(Cli.OK));
        try (PortwayAgent agent = PortwayAgent.builder()
                .bridge(bridgeAddress)
                .authtoken(token)
                .agentVersion("portway-cli/" + PortwayCommand.VERSION)
                .listener(printer)
                .build()) {
            agent.start();
            agent.bind(endpoint).whenComplete((bound, error) -> {
                if (error != null) {
                    printer.fail(Cli.describe(error));
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

    private static String endpointUrlOrPending(TcpEventPrinter printer) {
        String current = printer.currentUrl();
        return current == null ? "(nothing bound yet)" : current;
    }
}
