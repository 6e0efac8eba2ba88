package dev.portway.api.v1;

import java.util.function.BiFunction;
import io.quarkus.grpc.MutinyClient;

@jakarta.annotation.Generated(value = "by Mutiny Grpc generator", comments = "Source: portway/v1/bridge.proto")
public class EndpointDirectoryClient implements EndpointDirectory, MutinyClient<MutinyEndpointDirectoryGrpc.MutinyEndpointDirectoryStub> {

    private final MutinyEndpointDirectoryGrpc.MutinyEndpointDirectoryStub stub;

    public EndpointDirectoryClient(String name, io.grpc.Channel channel, BiFunction<String, MutinyEndpointDirectoryGrpc.MutinyEndpointDirectoryStub, MutinyEndpointDirectoryGrpc.MutinyEndpointDirectoryStub> stubConfigurator) {
        this.stub = stubConfigurator.apply(name, MutinyEndpointDirectoryGrpc.newMutinyStub(channel));
    }

    private EndpointDirectoryClient(MutinyEndpointDirectoryGrpc.MutinyEndpointDirectoryStub stub) {
        this.stub = stub;
    }

    public EndpointDirectoryClient newInstanceWithStub(MutinyEndpointDirectoryGrpc.MutinyEndpointDirectoryStub stub) {
        return new EndpointDirectoryClient(stub);
    }

    @Override
    public MutinyEndpointDirectoryGrpc.MutinyEndpointDirectoryStub getStub() {
        return stub;
    }

    @Override
    public io.smallrye.mutiny.Multi<dev.portway.api.v1.EndpointEvent> watch(dev.portway.api.v1.WatchEndpointsRequest request) {
        return stub.watch(request);
    }
}
