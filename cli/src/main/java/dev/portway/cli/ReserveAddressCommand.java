package dev.portway.cli;

import dev.portway.api.v1.AddressServiceGrpc.AddressServiceBlockingStub;
import dev.portway.agent.HostPort;
import dev.portway.api.v1.Address;
import dev.portway.api.v1.ReserveAddressRequest;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code portway addresses reserve}: keeps an address for the account until released. */
@Command(
        name = "reserve",
        mixinStandardHelpOptions = true,
        description = {
            "Reserve an address; prints 'url: tcp://host:port' and 'id: <id>'.",
            "",
            "Bind it with: portway tcp <port> --url tcp://host:port",
            ""
        })
public class ReserveAddressCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "HOST", description = "A pool host (default: any pool).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "A specific port, 1-65535 (default: a free one).")
    String port;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "", description = "Shown in listings.")
    String description;

    @Mixin
    AllocatorOptions allocator;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ReserveAddressRequest.Builder request = ReserveAddressRequest.newBuilder().setDescription(description);
        if (host != null && !host.isBlank()) {
            request.setHost(host.trim());
        }
        if (port != null) {
            request.setPort(Arguments.check(spec, () -> HostPort.parsePort(port, "--port")));
        }
        try (ServiceClient<AddressServiceBlockingStub> client = allocator.connect(spec)) {
            Address address = client.call(stub -> stub.reserve(request.build()));
            PrintWriter out = spec.commandLine().getOut();
            out.println("url: " + AddressTable.url(address));
            out.println("id: " + address.getId());
            out.flush();
            return Cli.OK;
        }
    }
}
