package dev.portway.cli;

import dev.portway.api.v1.AddressServiceGrpc.AddressServiceBlockingStub;
import dev.portway.api.v1.Address;
import dev.portway.api.v1.ListAddressesRequest;
import dev.portway.api.v1.ListAddressesResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code portway addresses list}: every address of the account, all pages. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List your addresses: id, url, kind, description, created.")
public class ListAddressesCommand implements Callable<Integer> {

    private static final int PAGE_SIZE = 500;

    @Mixin
    AllocatorOptions allocator;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Address> addresses = new ArrayList<>();
        try (ServiceClient<AddressServiceBlockingStub> client = allocator.connect(spec)) {
            String pageToken = "";
            do {
                ListAddressesRequest request = ListAddressesRequest.newBuilder()
                        .setPageSize(PAGE_SIZE)
                        .setPageToken(pageToken)
                        .build();
                ListAddressesResponse page = client.call(stub -> stub.list(request));
                addresses.addAll(page.getAddressesList());
                pageToken = page.getNextPageToken();
            } while (!pageToken.isEmpty());
        }
        AddressTable.print(addresses, spec.commandLine().getOut());
        return Cli.OK;
    }
}
