package dev.portway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code portway endpoints ...}: endpoints managed through the API (today: cloud endpoints). */
@Command(
        name = "endpoints",
        mixinStandardHelpOptions = true,
        description = "Manage endpoints that live in Portway itself (agents' endpoints come and go with portway tcp).",
        subcommands = {CloudEndpointsCommand.class})
public class EndpointsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: use cloud");
    }
}
