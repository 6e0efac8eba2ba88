package dev.portway.bridge.broker;

import dev.portway.api.v1.ConnectionBrokerGrpc;
import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.OpenConnection;
import dev.portway.api.v1.OpenRequest;
import dev.portway.api.v1.OpenResponse;
import dev.portway.bridge.auth.ServiceTokenInterceptor;
import dev.portway.bridge.endpoint.EndpointRegistry;
import dev.portway.bridge.session.AgentSession;
import dev.portway.bridge.session.SessionRegistry;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import java.util.Optional;

/**
 * Edges ask here for an agent to dial them for a new client connection. The bridge only passes
 * the request on to the agent's session: the bytes then flow agent ↔ edge directly, one relay
 * hop fewer than carrying them through the bridge (see bench/ for what that is worth).
 */
@GrpcService
@RegisterInterceptor(ServiceTokenInterceptor.class)
public class ConnectionBrokerGrpcService extends ConnectionBrokerGrpc.ConnectionBrokerImplBase {

    private final EndpointRegistry endpoints;
    private final SessionRegistry sessions;
    private final Counter opened;
    private final Counter unknown;

    public ConnectionBrokerGrpcService(EndpointRegistry endpoints, SessionRegistry sessions, MeterRegistry meters) {
        this.endpoints = endpoints;
        this.sessions = sessions;
        this.opened = Counter.builder("portway_bridge_connections_total")
                .description("Client connections passed on to agents").register(meters);
        this.unknown = Counter.builder("portway_bridge_connections_unknown_endpoint_total")
                .description("Open requests for endpoints not online on this bridge").register(meters);
    }

    @Override
    public void open(OpenRequest request, StreamObserver<OpenResponse> response) {
        Optional<Endpoint> endpoint = endpoints.get(request.getEndpointId());
        Optional<AgentSession> session = endpoint.flatMap(e -> sessions.get(e.getSessionId()));
        if (session.isEmpty() || !session.get().isActive()) {
            unknown.increment();
            response.onError(Status.NOT_FOUND
                    .withDescription("endpoint " + request.getEndpointId() + " is not online on this bridge")
                    .asRuntimeException());
            return;
        }
        session.get().openConnection(OpenConnection.newBuilder()
                .setConnectionId(request.getConnectionId())
                .setEndpointId(request.getEndpointId())
                .setToken(request.getToken())
                .setClientAddress(request.getClientAddress())
                .setServerAddress(request.getServerAddress())
                .setDataAddress(request.getDataAddress())
                .setLinkAccepted(request.getLinkAccepted())
                .build());
        opened.increment();
        response.onNext(OpenResponse.getDefaultInstance());
        response.onCompleted();
    }
}
