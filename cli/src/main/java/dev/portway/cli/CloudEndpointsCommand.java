package dev.portway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code portway endpoints cloud ...}: the account's cloud endpoints, at the policy-engine. */
@Command(
        name = "cloud",
        mixinStandardHelpOptions = true,
        description = {
            "Create, update, delete, get and list cloud endpoints: public addresses with no agent of their own,"
                    + " whose traffic policy decides every connection (e.g. forward-internal to an agent's"
                    + " tcp://name.internal:port endpoint).",
            ""
        },
        subcommands = {CreateCloudEndpointCommand.class, UpdateCloudEndpointCommand.class,
            DeleteCloudEndpointCommand.class, GetCloudEndpointCommand.class, ListCloudEndpointsCommand.class},
        footer = {"", "Example (the address must be reserved first):",
            "  portway addresses reserve --port 20001",
            "  portway endpoints cloud create --url tcp://localhost:20001 \\",
            "      --traffic-policy-file examples/cloud-endpoint-forward.yaml",
            "  portway tcp 8443 --url tcp://example-service.internal:8443"})
public class CloudEndpointsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: use create, update, delete, get or list");
    }
}
