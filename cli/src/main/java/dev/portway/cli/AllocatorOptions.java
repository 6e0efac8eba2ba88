package dev.portway.cli;

import dev.portway.api.v1.AddressServiceGrpc;
import dev.portway.api.v1.AddressServiceGrpc.AddressServiceBlockingStub;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where the allocator is and who is asking: shared by every {@code addresses} command. */
public class AllocatorOptions {

    @Option(names = "--allocator", paramLabel = "host:port", defaultValue = "${env:PORTWAY_ALLOCATOR:-localhost:7100}",
            description = "The allocator's gRPC address (default: $PORTWAY_ALLOCATOR or localhost:7100; now"
                    + " ${DEFAULT-VALUE}).")
    String allocator;

    @Option(names = "--authtoken", paramLabel = "TOKEN", defaultValue = "${env:PORTWAY_AUTHTOKEN}",
            showDefaultValue = Visibility.NEVER,
            description = "Your account's authtoken (default: $PORTWAY_AUTHTOKEN).")
    String authtoken;

    /** Checks the options (usage errors) and opens a client. */
    ServiceClient<AddressServiceBlockingStub> connect(CommandSpec spec) {
        var address = Arguments.address(spec, allocator, "--allocator");
        String token = Arguments.authtoken(spec, authtoken);
        return new ServiceClient<>(
                new ServiceClient.Target("allocator", "--allocator", "PORTWAY_ALLOCATOR", address), token,
                AddressServiceGrpc::newBlockingStub);
    }
}
