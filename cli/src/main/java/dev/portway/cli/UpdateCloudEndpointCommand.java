package dev.portway.cli;

import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.GetCloudEndpointRequest;
import dev.portway.api.v1.UpdateCloudEndpointRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portway endpoints cloud update <id>}: changes what the options name and keeps the rest. The
 * API replaces everything at once, so this reads the endpoint first and sends it back with the
 * changes (two calls: a concurrent update between them would be overwritten).
 */
@Command(
        name = "update",
        mixinStandardHelpOptions = true,
        description = {
            "Change a cloud endpoint's policy, description, metadata or pooling; what is not given is kept"
                    + " (--metadata replaces every label). Its URL cannot change: delete it and create another."
                    + " Prints 'id:', 'url:', 'pooling:' and the policy's warnings on stderr.",
            ""
        },
        footer = {"", "Examples:",
            "  portway endpoints cloud update cep_... --traffic-policy-file policy.yaml",
            "  portway endpoints cloud update cep_... --no-pooling-enabled --description legacy"})
public class UpdateCloudEndpointCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<id>", description = "The cloud endpoint's id (cep_...).")
    String id;

    @Option(names = "--pooling-enabled", negatable = true,
            description = "Let agent endpoints bound with pooling share this URL (--no-pooling-enabled: stop).")
    Boolean poolingEnabled;

    @Mixin
    CloudEndpointOptions options;

    @Mixin
    PolicyEngineOptions policyEngine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String endpointId = DeleteCloudEndpointCommand.requiredId(spec, id);
        if (options.trafficPolicyFile == null && options.description == null && options.metadata == null
                && poolingEnabled == null) {
            throw new ParameterException(spec.commandLine(), "nothing to change: give --traffic-policy-file,"
                    + " --description, --metadata or --[no-]pooling-enabled");
        }
        String policy = options.trafficPolicyFile == null ? null
                : PolicyFile.read(spec, "--traffic-policy-file", options.trafficPolicyFile);
        try (var client = policyEngine.connect(spec)) {
            CloudEndpoint current = CloudEndpointCalls.call(client,
                    stub -> stub.getCloudEndpoint(GetCloudEndpointRequest.newBuilder().setId(endpointId).build()));
            UpdateCloudEndpointRequest request = UpdateCloudEndpointRequest.newBuilder()
                    .setId(endpointId)
                    .setTrafficPolicy(policy != null ? policy : current.getTrafficPolicy())
                    .setDescription(options.description != null ? options.description : current.getDescription())
                    .putAllMetadata(options.metadata != null ? options.metadata : current.getMetadataMap())
                    .setPoolingEnabled(poolingEnabled != null ? poolingEnabled : current.getPoolingEnabled())
                    .build();
            CloudEndpoint updated = CloudEndpointCalls.call(client, stub -> stub.updateCloudEndpoint(request));
            CloudEndpointText.printSaved(updated, spec.commandLine().getOut(), spec.commandLine().getErr());
            return Cli.OK;
        }
    }
}
