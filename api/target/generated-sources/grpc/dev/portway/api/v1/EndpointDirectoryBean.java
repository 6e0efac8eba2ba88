package dev.portway.api.v1;

import io.grpc.BindableService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.MutinyBean;

@jakarta.annotation.Generated(value = "by Mutiny Grpc generator", comments = "Source: portway/v1/bridge.proto")
public class EndpointDirectoryBean extends MutinyEndpointDirectoryGrpc.EndpointDirectoryImplBase implements BindableService, MutinyBean {

    private final EndpointDirectory delegate;

    EndpointDirectoryBean(@GrpcService EndpointDirectory delegate) {
        this.delegate = delegate;
    }

    @Override
    public io.smallrye.mutiny.Multi<dev.portway.api.v1.EndpointEvent> watch(dev.portway.api.v1.WatchEndpointsRequest request) {
        try {
            return delegate.watch(request);
        } catch (UnsupportedOperationException e) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }
    }
}
