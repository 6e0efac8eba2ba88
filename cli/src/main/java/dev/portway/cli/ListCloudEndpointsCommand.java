package dev.portway.cli;

import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.ListCloudEndpointsRequest;
import dev.portway.api.v1.ListCloudEndpointsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code portway endpoints cloud list}: every cloud endpoint of the account, all pages. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List your cloud endpoints: id, url, pooling, number of policy warnings, description, updated.")
public class ListCloudEndpointsCommand implements Callable<Integer> {

    private static final int PAGE_SIZE = 500;

    @Mixin
    PolicyEngineOptions policyEngine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<CloudEndpoint> endpoints = new ArrayList<>();
        try (var client = policyEngine.connect(spec)) {
            String pageToken = "";
            do {
                ListCloudEndpointsRequest request = ListCloudEndpointsRequest.newBuilder()
                        .setPageSize(PAGE_SIZE)
                        .setPageToken(pageToken)
                        .build();
                ListCloudEndpointsResponse page = CloudEndpointCalls.call(client, stub -> stub.listCloudEndpoints(request));
                endpoints.addAll(page.getCloudEndpointsList());
                pageToken = page.getNextPageToken();
            } while (!pageToken.isEmpty());
        }
        CloudEndpointText.printTable(endpoints, spec.commandLine().getOut());
        return Cli.OK;
    }
}
