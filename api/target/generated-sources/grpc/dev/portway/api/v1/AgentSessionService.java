package dev.portway.api.v1;

import io.quarkus.grpc.MutinyService;

@jakarta.annotation.Generated(value = "by Mutiny Grpc generator", comments = "Source: portway/v1/bridge.proto")
public interface AgentSessionService extends MutinyService {

    io.smallrye.mutiny.Multi<dev.portway.api.v1.BridgeMessage> connect(io.smallrye.mutiny.Multi<dev.portway.api.v1.AgentMessage> request);
}
