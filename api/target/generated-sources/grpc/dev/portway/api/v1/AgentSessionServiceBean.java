package dev.portway.api.v1;

import io.grpc.BindableService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.MutinyBean;

@jakarta.annotation.Generated(value = "by Mutiny Grpc generator", comments = "Source: portway/v1/bridge.proto")
public class AgentSessionServiceBean extends MutinyAgentSessionServiceGrpc.AgentSessionServiceImplBase implements BindableService, MutinyBean {

    private final AgentSessionService delegate;

    AgentSessionServiceBean(@GrpcService AgentSessionService delegate) {
        this.delegate = delegate;
    }

    @Override
    public io.smallrye.mutiny.Multi<dev.portway.api.v1.BridgeMessage> connect(io.smallrye.mutiny.Multi<dev.portway.api.v1.AgentMessage> request) {
        try {
            return delegate.connect(request);
        } catch (UnsupportedOperationException e) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }
    }
}
