package dev.portway.bridge.policy;

import dev.portway.api.v1.PolicyEndpointKind;
import dev.portway.api.v1.PolicyFormat;
import dev.portway.api.v1.PolicyServiceGrpc;
import dev.portway.api.v1.ValidatePolicyRequest;
import dev.portway.api.v1.ValidatePolicyResponse;
import dev.portway.bridge.auth.Authtokens;
import dev.portway.bridge.config.BridgeConfig;
import dev.portway.bridge.grpc.GrpcStages;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The bridge's call to the policy-engine: {@code PolicyService.Validate} for an agent endpoint's
 * policy, asynchronous (the answer arrives on gRPC's threads, never on an event loop), authenticated
 * with the service token as {@link dev.portway.bridge.allocator.AllocatorClient} is. The channel
 * connects on first use, so a bridge whose agents send no policy never needs a policy-engine.
 */
@ApplicationScoped
public class PolicyEngineClient {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String address;
    private final Duration timeout;
    private final ManagedChannel channel;
    private final PolicyServiceGrpc.PolicyServiceFutureStub stub;

    public PolicyEngineClient(BridgeConfig config, Authtokens authtokens) {
        this.address = config.policyEngine();
        this.timeout = config.policyEngineTimeout();
        this.channel = NettyChannelBuilder.forTarget(address).usePlaintext().build();
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + authtokens.serviceToken());
        this.stub = PolicyServiceGrpc.newFutureStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** host:port this client calls, for messages. */
    public String address() {
        return address;
    }

    /** How long a call may take, for messages. */
    public Duration timeout() {
        return timeout;
    }

    /** Every error and warning of an agent endpoint's policy (format detected from the text). */
    public CompletionStage<ValidatePolicyResponse> validateAgentPolicy(String policy) {
        return GrpcStages.of(stub.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .validate(ValidatePolicyRequest.newBuilder()
                        .setPolicy(policy)
                        .setFormat(PolicyFormat.POLICY_FORMAT_AUTO)
                        .setEndpointKind(PolicyEndpointKind.POLICY_ENDPOINT_KIND_AGENT)
                        .build()), channel);
    }

    void close(@Observes ShutdownEvent event) {
        channel.shutdownNow();
    }
}
