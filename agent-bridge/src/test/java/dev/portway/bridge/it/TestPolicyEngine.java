package dev.portway.bridge.it;

import dev.portway.api.v1.PolicyEndpointKind;
import dev.portway.api.v1.PolicyServiceGrpc;
import dev.portway.api.v1.ValidatePolicyRequest;
import dev.portway.api.v1.ValidatePolicyResponse;
import dev.portway.policy.EndpointKind;
import dev.portway.policy.IssueMessages;
import dev.portway.policy.PolicyCompiler;
import dev.portway.policy.PolicyFormat;
import dev.portway.policy.Validation;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real gRPC PolicyService peer on a loopback port whose {@code Validate} is the policy-engine's:
 * the real {@link PolicyCompiler#validate}, converted to the contract's messages as the engine does.
 * Only the service token may call it. It counts calls, so tests can tell a bind without a policy
 * never asked.
 */
final class TestPolicyEngine {

    private final String serviceToken;
    private final AtomicInteger validations = new AtomicInteger();
    private Server server;

    TestPolicyEngine(String serviceToken) {
        this.serviceToken = serviceToken;
    }

    int validations() {
        return validations.get();
    }

    int start() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(ServerInterceptors.intercept(new Service(), RequireServiceToken.of(serviceToken)))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server.getPort();
    }

    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private final class Service extends PolicyServiceGrpc.PolicyServiceImplBase {
        @Override
        public void validate(ValidatePolicyRequest request, StreamObserver<ValidatePolicyResponse> out) {
            validations.incrementAndGet();
            Validation validation = PolicyCompiler.validate(request.getPolicy(), format(request),
                    request.getEndpointKind() == PolicyEndpointKind.POLICY_ENDPOINT_KIND_CLOUD
                            ? EndpointKind.CLOUD : EndpointKind.AGENT);
            out.onNext(ValidatePolicyResponse.newBuilder()
                    .setValid(validation.valid())
                    .addAllErrors(IssueMessages.of(validation.errors()))
                    .addAllWarnings(IssueMessages.of(validation.warnings()))
                    .build());
            out.onCompleted();
        }
    }

    private static PolicyFormat format(ValidatePolicyRequest request) {
        return switch (request.getFormat()) {
            case POLICY_FORMAT_YAML -> PolicyFormat.YAML;
            case POLICY_FORMAT_JSON -> PolicyFormat.JSON;
            default -> PolicyFormat.AUTO;
        };
    }
}
