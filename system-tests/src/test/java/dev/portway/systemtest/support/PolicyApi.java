package dev.portway.systemtest.support;

import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.CreateCloudEndpointRequest;
import dev.portway.api.v1.DeleteCloudEndpointRequest;
import dev.portway.api.v1.ListCloudEndpointsRequest;
import dev.portway.api.v1.ListCloudEndpointsResponse;
import dev.portway.api.v1.PolicyEndpointKind;
import dev.portway.api.v1.PolicyServiceGrpc;
import dev.portway.api.v1.UpdateCloudEndpointRequest;
import dev.portway.api.v1.ValidatePolicyRequest;
import dev.portway.api.v1.ValidatePolicyResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The policy-engine's gRPC API as a user with an authtoken (or the service token) calls it. */
public final class PolicyApi implements AutoCloseable {

    private final ManagedChannel channel;
    private final PolicyServiceGrpc.PolicyServiceBlockingStub stub;

    PolicyApi(String target, String token) {
        channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        stub = PolicyServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    public PolicyServiceGrpc.PolicyServiceBlockingStub stub() {
        return stub.withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** A cloud endpoint of the caller's account on {@code url}, whose policy decides every connection. */
    public CloudEndpoint createCloudEndpoint(String url, String policy) {
        return stub().createCloudEndpoint(CreateCloudEndpointRequest.newBuilder()
                .setUrl(url)
                .setTrafficPolicy(policy)
                .setDescription("system test")
                .build());
    }

    /** Replaces the policy of a cloud endpoint (description and pooling flag as the system tests create them). */
    public CloudEndpoint updatePolicy(String id, String policy) {
        return stub().updateCloudEndpoint(UpdateCloudEndpointRequest.newBuilder()
                .setId(id)
                .setTrafficPolicy(policy)
                .setDescription("system test")
                .build());
    }

    public void deleteCloudEndpoint(String id) {
        stub().deleteCloudEndpoint(DeleteCloudEndpointRequest.newBuilder().setId(id).build());
    }

    public ValidatePolicyResponse validate(String policy, PolicyEndpointKind kind) {
        return stub().validate(ValidatePolicyRequest.newBuilder().setPolicy(policy).setEndpointKind(kind).build());
    }

    /** Every cloud endpoint of the caller's account, across pages. */
    public List<CloudEndpoint> list() {
        List<CloudEndpoint> all = new ArrayList<>();
        String token = "";
        do {
            ListCloudEndpointsResponse page = stub().listCloudEndpoints(
                    ListCloudEndpointsRequest.newBuilder().setPageSize(100).setPageToken(token).build());
            all.addAll(page.getCloudEndpointsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return all;
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
