package dev.portway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code portway addresses ...}: the account's TCP addresses, at the allocator. */
@Command(
        name = "addresses",
        mixinStandardHelpOptions = true,
        description = "Reserve, release and list your account's TCP addresses.",
        subcommands = {ReserveAddressCommand.class, ReleaseAddressCommand.class, ListAddressesCommand.class})
public class AddressesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: use reserve, release or list");
    }
}
