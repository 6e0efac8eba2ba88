package dev.portway.cli;

import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.GetCloudEndpointRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code portway endpoints cloud get <id>}: one cloud endpoint with its policy. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = "Show a cloud endpoint: id, url, pooling, description, metadata, times, revision, the"
                + " policy's warnings and the policy itself.")
public class GetCloudEndpointCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<id>", description = "The cloud endpoint's id (cep_...).")
    String id;

    @Mixin
    PolicyEngineOptions policyEngine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String endpointId = DeleteCloudEndpointCommand.requiredId(spec, id);
        try (var client = policyEngine.connect(spec)) {
            CloudEndpoint endpoint = CloudEndpointCalls.call(client,
                    stub -> stub.getCloudEndpoint(GetCloudEndpointRequest.newBuilder().setId(endpointId).build()));
            CloudEndpointText.printDetails(endpoint, spec.commandLine().getOut());
            return Cli.OK;
        }
    }
}
