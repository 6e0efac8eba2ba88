package dev.portway.policyengine.endpoints;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.AddressKind;
import dev.portway.api.v1.AddressRef;
import dev.portway.api.v1.AddressServiceGrpc;
import dev.portway.api.v1.GetAddressRequest;
import dev.portway.api.v1.HostPort;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Asks the address-allocator (AddressService.Get, with the service token on behalf of the account) whether an
 * account reserved an address. Blocking: call it from a worker thread, never an event loop.
 */
public final class AllocatorAddressOwnership implements AddressOwnership, AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String target;
    private final Duration timeout;
    private final ManagedChannel channel;
    private final AddressServiceGrpc.AddressServiceBlockingStub stub;

    public AllocatorAddressOwnership(String target, String serviceToken, Duration timeout) {
        this.target = target;
        this.timeout = timeout;
        this.channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + serviceToken);
        this.stub = AddressServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Override
    public void checkReserved(String account, String host, int port) {
        String url = "tcp://" + host + ":" + port;
        Address address;
        try {
            address = stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS).get(GetAddressRequest.newBuilder()
                    .setAccount(account)
                    .setAddress(AddressRef.newBuilder().setHostPort(HostPort.newBuilder().setHost(host).setPort(port)))
                    .build());
        } catch (StatusRuntimeException e) {
            throw switch (e.getStatus().getCode()) {
                case NOT_FOUND -> new EngineException(Failure.FAILED_PRECONDITION, "url " + url + " is not an address"
                        + " your account reserved; reserve it first (portway addresses reserve --host " + host
                        + " --port " + port + ") or use the URL of one of your addresses");
                case PERMISSION_DENIED -> new EngineException(Failure.PERMISSION_DENIED, "url " + url
                        + " belongs to another account; use the URL of an address your account reserved");
                case INVALID_ARGUMENT, OUT_OF_RANGE -> EngineException.invalid("url " + url
                        + " was refused by the allocator: " + e.getStatus().getDescription());
                default -> new EngineException(Failure.UNAVAILABLE, "cannot check url " + url + " with the"
                        + " address-allocator at " + target + " (" + e.getStatus().getCode() + "); retry later");
            };
        }
        if (address.getKind() == AddressKind.ADDRESS_KIND_EPHEMERAL) {
            throw new EngineException(Failure.FAILED_PRECONDITION, "url " + url + " is an ephemeral address (held"
                    + " only while an agent is bound); a cloud endpoint needs a reserved address: portway addresses"
                    + " reserve");
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
