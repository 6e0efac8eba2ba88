package dev.portway.api.v1;

import java.util.function.BiFunction;
import io.quarkus.grpc.MutinyClient;

@jakarta.annotation.Generated(value = "by Mutiny Grpc generator", comments = "Source: portway/v1/bridge.proto")
public class AgentSessionServiceClient implements AgentSessionService, MutinyClient<MutinyAgentSessionServiceGrpc.MutinyAgentSessionServiceStub> {

    private final MutinyAgentSessionServiceGrpc.MutinyAgentSessionServiceStub stub;

    public AgentSessionServiceClient(String name, io.grpc.Channel channel, BiFunction<String, MutinyAgentSessionServiceGrpc.MutinyAgentSessionServiceStub, MutinyAgentSessionServiceGrpc.MutinyAgentSessionServiceStub> stubConfigurator) {
        this.stub = stubConfigurator.apply(name, MutinyAgentSessionServiceGrpc.newMutinyStub(channel));
    }

    private AgentSessionServiceClient(MutinyAgentSessionServiceGrpc.MutinyAgentSessionServiceStub stub) {
        this.stub = stub;
    }

    public AgentSessionServiceClient newInstanceWithStub(MutinyAgentSessionServiceGrpc.MutinyAgentSessionServiceStub stub) {
        return new AgentSessionServiceClient(stub);
    }

    @Override
    public MutinyAgentSessionServiceGrpc.MutinyAgentSessionServiceStub getStub() {
        return stub;
    }

    @Override
    public io.smallrye.mutiny.Multi<dev.portway.api.v1.BridgeMessage> connect(io.smallrye.mutiny.Multi<dev.portway.api.v1.AgentMessage> request) {
        return stub.connect(request);
    }
}
