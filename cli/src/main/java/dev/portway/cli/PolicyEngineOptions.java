package dev.portway.cli;

import dev.portway.api.v1.PolicyServiceGrpc;
import dev.portway.api.v1.PolicyServiceGrpc.PolicyServiceBlockingStub;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where the policy-engine is and who is asking: shared by every {@code endpoints cloud} command. */
public class PolicyEngineOptions {

    static final String ENVIRONMENT = "PORTWAY_POLICY_ENGINE";

    @Option(names = "--policy-engine", paramLabel = "host:port",
            defaultValue = "${env:PORTWAY_POLICY_ENGINE:-localhost:7400}",
            description = "The policy-engine's gRPC address (default: $PORTWAY_POLICY_ENGINE or localhost:7400; now"
                    + " ${DEFAULT-VALUE}).")
    String policyEngine;

    @Option(names = "--authtoken", paramLabel = "TOKEN", defaultValue = "${env:PORTWAY_AUTHTOKEN}",
            showDefaultValue = Visibility.NEVER,
            description = "Your account's authtoken (default: $PORTWAY_AUTHTOKEN).")
    String authtoken;

    /** Checks the options (usage errors) and opens a client. */
    ServiceClient<PolicyServiceBlockingStub> connect(CommandSpec spec) {
        var address = Arguments.address(spec, policyEngine, "--policy-engine");
        String token = Arguments.authtoken(spec, authtoken);
        return new ServiceClient<>(new ServiceClient.Target("policy-engine", "--policy-engine", ENVIRONMENT, address),
                token, PolicyServiceGrpc::newBlockingStub);
    }
}
