package dev.portway.systemtest.support;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.AddressRef;
import dev.portway.api.v1.AddressServiceGrpc;
import dev.portway.api.v1.GetAddressRequest;
import dev.portway.api.v1.HostPort;
import dev.portway.api.v1.ListAddressesRequest;
import dev.portway.api.v1.ListAddressesResponse;
import dev.portway.api.v1.ReleaseAddressRequest;
import dev.portway.api.v1.ReserveAddressRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The allocator's gRPC API as a user with an authtoken (or the service token) calls it. */
public final class AllocatorApi implements AutoCloseable {

    private final ManagedChannel channel;
    private final AddressServiceGrpc.AddressServiceBlockingStub stub;

    AllocatorApi(String target, String token) {
        channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        stub = AddressServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    public AddressServiceGrpc.AddressServiceBlockingStub stub() {
        return stub.withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    public Address reserve() {
        return stub().reserve(ReserveAddressRequest.newBuilder().setDescription("system test").build());
    }

    public Address reserve(String host, int port) {
        return stub().reserve(ReserveAddressRequest.newBuilder().setHost(host).setPort(port).build());
    }

    public Address get(String host, int port) {
        return stub().get(GetAddressRequest.newBuilder()
                .setAddress(AddressRef.newBuilder().setHostPort(HostPort.newBuilder().setHost(host).setPort(port)))
                .build());
    }

    public void release(String id) {
        stub().release(ReleaseAddressRequest.newBuilder().setAddress(AddressRef.newBuilder().setId(id)).build());
    }

    /** Every address of the caller's account, across pages. */
    public List<Address> list() {
        List<Address> all = new ArrayList<>();
        String token = "";
        do {
            ListAddressesResponse page = stub().list(
                    ListAddressesRequest.newBuilder().setPageSize(100).setPageToken(token).build());
            all.addAll(page.getAddressesList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return all;
    }

    public static String url(Address address) {
        return "tcp://" + address.getHost() + ":" + address.getPort();
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
