package dev.portway.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code portway}: the command line of the Portway TCP edge. */
@TopCommand
@Command(
        name = "portway",
        mixinStandardHelpOptions = true,
        version = "portway " + PortwayCommand.VERSION,
        description = "Expose local TCP services on public addresses of a Portway edge.",
        subcommands = {TcpCommand.class, AddressesCommand.class, PolicyCommand.class, EndpointsCommand.class},
        footer = {
            "",
            "Environment: PORTWAY_AUTHTOKEN, PORTWAY_BRIDGE (default localhost:7200),",
            "PORTWAY_ALLOCATOR (default localhost:7100), PORTWAY_POLICY_ENGINE (default localhost:7400).",
            "Exit codes: 0 ok (or stopped with Ctrl-C), 1 refused or failed, 2 usage error."
        })
public class PortwayCommand implements Callable<Integer> {

    public static final String VERSION = "0.1.0";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: use 'portway tcp', 'portway addresses',"
                + " 'portway policy' or 'portway endpoints'");
    }
}
