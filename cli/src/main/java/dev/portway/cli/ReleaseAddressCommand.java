package dev.portway.cli;

import dev.portway.api.v1.AddressServiceGrpc.AddressServiceBlockingStub;
import dev.portway.agent.HostPort;
import dev.portway.api.v1.Address;
import dev.portway.api.v1.AddressRef;
import dev.portway.api.v1.ReleaseAddressRequest;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code portway addresses release}: gives an address back to the pool. */
@Command(
        name = "release",
        mixinStandardHelpOptions = true,
        description = "Release an address by id or host:port (a tcp:// URL works too).")
public class ReleaseAddressCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<id|host:port>", description = "The address to release.")
    String address;

    @Mixin
    AllocatorOptions allocator;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AddressRef ref = ref(spec, address);
        try (ServiceClient<AddressServiceBlockingStub> client = allocator.connect(spec)) {
            Address released = client.call(stub -> stub.release(ReleaseAddressRequest.newBuilder().setAddress(ref).build()))
                    .getReleased();
            PrintWriter out = spec.commandLine().getOut();
            out.println("released: " + AddressTable.url(released));
            out.println("id: " + released.getId());
            out.flush();
            return Cli.OK;
        }
    }

    /** {@code host:port} or {@code tcp://host:port} names an address by place; anything else is an id. */
    static AddressRef ref(CommandSpec spec, String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("tcp://")) {
            trimmed = trimmed.substring("tcp://".length());
        } else if (!trimmed.contains(":")) {
            if (trimmed.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "<id|host:port>: missing; expected an address id or host:port");
            }
            return AddressRef.newBuilder().setId(trimmed).build();
        }
        String hostPort = trimmed;
        HostPort place = Arguments.check(spec, () -> HostPort.parse(hostPort, "<id|host:port>"));
        return AddressRef.newBuilder()
                .setHostPort(dev.portway.api.v1.HostPort.newBuilder().setHost(place.host()).setPort(place.port()))
                .build();
    }
}
