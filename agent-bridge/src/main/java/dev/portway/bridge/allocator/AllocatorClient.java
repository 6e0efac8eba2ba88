package dev.portway.bridge.allocator;

import com.google.common.util.concurrent.ListenableFuture;
import dev.portway.api.v1.Address;
import dev.portway.api.v1.AddressRef;
import dev.portway.api.v1.AddressServiceGrpc;
import dev.portway.api.v1.GetAddressRequest;
import dev.portway.api.v1.HostPort;
import dev.portway.api.v1.ListPoolsRequest;
import dev.portway.api.v1.ListPoolsResponse;
import dev.portway.api.v1.ReleaseAddressRequest;
import dev.portway.api.v1.RenewLeasesRequest;
import dev.portway.api.v1.RenewLeasesResponse;
import dev.portway.api.v1.ReserveAddressRequest;
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
import java.util.Collection;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The bridge's calls to the address-allocator, all asynchronous (they run on gRPC's threads, never
 * on an event loop), authenticated with the service token on behalf of an agent's account.
 */
@ApplicationScoped
public class AllocatorClient {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final long DEADLINE_SECONDS = 10;

    private final ManagedChannel channel;
    private final AddressServiceGrpc.AddressServiceFutureStub stub;

    public AllocatorClient(BridgeConfig config, Authtokens authtokens) {
        this.channel = NettyChannelBuilder.forTarget(config.allocator()).usePlaintext().build();
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + authtokens.serviceToken());
        this.stub = AddressServiceGrpc.newFutureStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** The address at host:port, as seen by {@code account} (PERMISSION_DENIED if another's). */
    public CompletionStage<Address> get(String account, String host, int port) {
        return call(stub().get(GetAddressRequest.newBuilder()
                .setAccount(account)
                .setAddress(AddressRef.newBuilder().setHostPort(hostPort(host, port)))
                .build()));
    }

    /**
     * Reserves an ephemeral address: a random one ({@code host} empty, {@code port} 0), or takes
     * back one the account already holds as ephemeral (the allocator renews its lease).
     */
    public CompletionStage<Address> reserveEphemeral(String account, String host, int port, String description) {
        return call(stub().reserve(ReserveAddressRequest.newBuilder()
                .setAccount(account)
                .setHost(host)
                .setPort(port)
                .setDescription(description)
                .setEphemeral(true)
                .build()));
    }

    public CompletionStage<Address> release(String account, String addressId) {
        return call(stub().release(ReleaseAddressRequest.newBuilder()
                        .setAccount(account)
                        .setAddress(AddressRef.newBuilder().setId(addressId))
                        .build()))
                .thenApply(r -> r.getReleased());
    }

    public CompletionStage<RenewLeasesResponse> renewLeases(Collection<String> addressIds) {
        return call(stub().renewLeases(RenewLeasesRequest.newBuilder().addAllAddressIds(addressIds).build()));
    }

    /** A cheap call that succeeds only if the allocator answers (readiness). */
    public CompletionStage<ListPoolsResponse> ping() {
        return call(stub.withDeadlineAfter(2, TimeUnit.SECONDS).listPools(ListPoolsRequest.getDefaultInstance()));
    }

    private AddressServiceGrpc.AddressServiceFutureStub stub() {
        return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    private static HostPort hostPort(String host, int port) {
        return HostPort.newBuilder().setHost(host).setPort(port).build();
    }

    private <T> CompletionStage<T> call(ListenableFuture<T> future) {
        return GrpcStages.of(future, channel);
    }

    void close(@Observes ShutdownEvent event) {
        channel.shutdownNow();
    }
}
