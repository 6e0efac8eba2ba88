package dev.portway.edge;

import dev.portway.api.v1.Endpoint;

/**
 * An endpoint that is online on some bridge. {@code bridgeTarget} is the configured {@code
 * host:port} of that bridge's gRPC API: the edge asks it ({@code ConnectionBroker.Open}) to have the
 * endpoint's agent dial back for each client.
 */
public record OnlineEndpoint(Endpoint endpoint, String bridgeId, String bridgeTarget) {

    public String id() {
        return endpoint.getId();
    }

    public String url() {
        return endpoint.getUrl();
    }
}
