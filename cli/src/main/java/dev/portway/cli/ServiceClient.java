package dev.portway.cli;

import dev.portway.agent.HostPort;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractBlockingStub;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A short-lived gRPC client of one Portway service (the allocator, the policy-engine), authenticated
 * with the user's authtoken as metadata {@code authorization: Bearer <authtoken>}.
 *
 * @param <S> the service's blocking stub
 */
final class ServiceClient<S extends AbstractBlockingStub<S>> implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    /** A call that takes longer has failed: the services answer from a local database. */
    private static final long DEADLINE_SECONDS = 15;

    /** How errors name the service and where its address comes from, e.g. "allocator", "--allocator". */
    record Target(String serviceName, String option, String environment, HostPort address) {}

    private final Target target;
    private final ManagedChannel channel;
    private final S stub;

    ServiceClient(Target target, String authtoken, Function<Channel, S> newStub) {
        this.target = target;
        channel = NettyChannelBuilder.forAddress(target.address().host(), target.address().port())
                .usePlaintext()
                .userAgent("portway-cli/" + PortwayCommand.VERSION)
                .build();
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + authtoken);
        stub = newStub.apply(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /**
     * Makes one call, its deadline starting now. A service that cannot be reached fails as UNAVAILABLE
     * whose message names the address tried and where it came from (gRPC's own says only "io
     * exception"); an UNAVAILABLE the service itself sent (it carries no transport cause) keeps its
     * message.
     */
    <T> T call(Function<S, T> call) {
        try {
            return call.apply(stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS));
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            if (status.getCode() != Status.Code.UNAVAILABLE || status.getCause() == null) {
                throw e;
            }
            String why = status.getCause().getMessage() != null ? status.getCause().getMessage()
                    : status.getDescription();
            throw Status.UNAVAILABLE
                    .withDescription("cannot reach the " + target.serviceName() + " at " + target.address() + " ("
                            + why + "); is it running (./portway up starts it)? Check " + target.option() + " or "
                            + target.environment())
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
