package dev.portway.bridge.session;

import dev.portway.api.v1.AgentMessage;
import dev.portway.api.v1.AgentSessionServiceGrpc;
import dev.portway.api.v1.BridgeMessage;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;

/** gRPC entry point of agent sessions: one {@link AgentSession} per call. */
@GrpcService
public class AgentSessionGrpcService extends AgentSessionServiceGrpc.AgentSessionServiceImplBase {

    private final SessionServices services;

    public AgentSessionGrpcService(SessionServices services) {
        this.services = services;
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<BridgeMessage> toAgent) {
        return new AgentSession(services, (ServerCallStreamObserver<BridgeMessage>) toAgent);
    }
}
