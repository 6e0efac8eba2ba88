package dev.portway.api.v1;

import io.quarkus.grpc.MutinyService;

@jakarta.annotation.Generated(value = "by Mutiny Grpc generator", comments = "Source: portway/v1/bridge.proto")
public interface EndpointDirectory extends MutinyService {

    io.smallrye.mutiny.Multi<dev.portway.api.v1.EndpointEvent> watch(dev.portway.api.v1.WatchEndpointsRequest request);
}
