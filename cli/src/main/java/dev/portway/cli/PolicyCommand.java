package dev.portway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code portway policy ...}: traffic policies, checked locally. */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Work with traffic-policy files (on_tcp_connect rules).",
        subcommands = {ValidatePolicyCommand.class})
public class PolicyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: use validate");
    }
}
