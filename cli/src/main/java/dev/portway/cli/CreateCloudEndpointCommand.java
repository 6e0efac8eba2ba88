package dev.portway.cli;

import dev.portway.agent.TcpUrl;
import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.CreateCloudEndpointRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code portway endpoints cloud create}: a cloud endpoint on an address the account reserved. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = {
            "Create a cloud endpoint on an address your account reserved; prints 'id:', 'url:' and 'pooling:',"
                    + " and the policy's warnings on stderr. An invalid policy is refused with every error and"
                    + " its place; nothing is stored.",
            ""
        },
        footer = {"", "Example:", "  portway endpoints cloud create --url tcp://localhost:20001 \\",
            "      --traffic-policy-file examples/cloud-endpoint-forward.yaml \\",
            "      --description 'postgres front door' --metadata team=data"})
public class CreateCloudEndpointCommand implements Callable<Integer> {

    @Option(names = "--url", paramLabel = "tcp://host:port", required = true,
            description = "An address your account reserved (portway addresses reserve).")
    String url;

    @Option(names = "--pooling-enabled",
            description = "Let agent endpoints bound with pooling share this URL.")
    boolean poolingEnabled;

    @Mixin
    CloudEndpointOptions options;

    @Mixin
    PolicyEngineOptions policyEngine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String endpointUrl = publicUrl(spec, url);
        if (options.trafficPolicyFile == null) {
            throw new ParameterException(spec.commandLine(), "--traffic-policy-file: missing; a cloud endpoint has"
                    + " no upstream of its own, its policy decides every connection (see"
                    + " examples/cloud-endpoint-forward.yaml)");
        }
        String policy = PolicyFile.read(spec, "--traffic-policy-file", options.trafficPolicyFile);
        CreateCloudEndpointRequest.Builder request = CreateCloudEndpointRequest.newBuilder()
                .setUrl(endpointUrl)
                .setTrafficPolicy(policy)
                .setPoolingEnabled(poolingEnabled);
        if (options.description != null) {
            request.setDescription(options.description);
        }
        if (options.metadata != null) {
            request.putAllMetadata(options.metadata);
        }
        try (var client = policyEngine.connect(spec)) {
            CloudEndpoint created = CloudEndpointCalls.call(client, stub -> stub.createCloudEndpoint(request.build()));
            CloudEndpointText.printSaved(created, spec.commandLine().getOut(), spec.commandLine().getErr());
            return Cli.OK;
        }
    }

    /** {@code tcp://host:port} of a public address: neither ephemeral nor internal. */
    static String publicUrl(CommandSpec spec, String text) {
        String checked = Arguments.url(spec, text);
        if (TcpUrl.isEphemeral(checked)) {
            throw new ParameterException(spec.commandLine(), "--url: expected tcp://host:port of an address your"
                    + " account reserved (portway addresses reserve); a cloud endpoint cannot have an ephemeral"
                    + " address");
        }
        String host = checked.substring(TcpUrl.SCHEME.length(), checked.lastIndexOf(':'));
        if (host.toLowerCase(java.util.Locale.ROOT).endsWith(".internal")) {
            throw new ParameterException(spec.commandLine(), "--url: '" + text + "' is an internal URL; a cloud"
                    + " endpoint takes a public address your account reserved. Agents bind internal URLs:"
                    + " portway tcp <port> --url " + checked);
        }
        return checked;
    }
}
