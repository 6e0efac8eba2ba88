package dev.portway.bridge.directory;

import dev.portway.api.v1.EndpointDirectoryGrpc;
import dev.portway.api.v1.EndpointEvent;
import dev.portway.api.v1.EndpointSnapshot;
import dev.portway.api.v1.WatchEndpointsRequest;
import dev.portway.bridge.BridgeIdentity;
import dev.portway.bridge.auth.ServiceTokenInterceptor;
import dev.portway.bridge.endpoint.EndpointRegistry;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;

/** Edges watch the endpoints online on this bridge: a snapshot, then every change. */
@GrpcService
@RegisterInterceptor(ServiceTokenInterceptor.class)
public class EndpointDirectoryGrpcService extends EndpointDirectoryGrpc.EndpointDirectoryImplBase {

    private final EndpointRegistry registry;
    private final BridgeIdentity identity;
    public EndpointDirectoryGrpcService(EndpointRegistry registry, BridgeIdentity identity) {
        this.registry = registry;
        this.identity = identity;
    }

    @Override
    public void watch(WatchEndpointsRequest request, StreamObserver<EndpointEvent> responses) {
        var call = (ServerCallStreamObserver<EndpointEvent>) responses;
        DirectoryWatcher watcher = new DirectoryWatcher(call, registry);
        var endpoints = registry.watch(watcher);
        watcher.start(EndpointEvent.newBuilder().setSnapshot(EndpointSnapshot.newBuilder()
                        .setBridgeId(identity.id())
                        .addAllEndpoints(endpoints))
                .build());
    }
}
