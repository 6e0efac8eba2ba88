package dev.portway.cli;

import dev.portway.agent.HostPort;
import dev.portway.api.v1.AddressServiceGrpc;
import dev.portway.api.v1.AddressServiceGrpc.AddressServiceBlockingStub;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A short-lived gRPC client of the allocator's AddressService, authenticated with the authtoken. */
final class AllocatorClient implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    /** A call that takes longer has failed: the allocator answers from a local database. */
    private static final long DEADLINE_SECONDS = 15;

    private final HostPort allocator;
    private final ManagedChannel channel;
    private final AddressServiceBlockingStub stub;

    AllocatorClient(HostPort allocator, String authtoken) {
        this.allocator = allocator;
        channel = NettyChannelBuilder.forAddress(allocator.host(), allocator.port())
                .usePlaintext()
                .userAgent("portway-cli/" + PortwayCommand.VERSION)
                .build();
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + authtoken);
        stub = AddressServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /**
     * Makes one call, its deadline starting now. An unreachable allocator fails as UNAVAILABLE whose
     * message names the address tried (gRPC's own says only "io exception").
     */
    <T> T call(Function<AddressServiceBlockingStub, T> call) {
        try {
            return call.apply(stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
                throw e;
            }
            Throwable cause = e.getStatus().getCause();
            String why = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getStatus().getDescription();
            throw Status.UNAVAILABLE
                    .withDescription("cannot reach the allocator at " + allocator + " (" + why
                            + "); is it running? Check --allocator or PORTWAY_ALLOCATOR")
                    .asRuntimeException();
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
