package dev.portway.agent;

import dev.portway.api.v1.Endpoint;

/**
 * An endpoint as the bridge bound it. A snapshot: after a reconnect the same endpoint is bound
 * again under a new {@link #id()} (and, for an ephemeral address whose lease ran out, a new URL).
 *
 * @param id the bridge's endpoint id for this binding
 * @param url {@code tcp://host:port}, the address clients connect to
 * @param spec what was asked for
 */
public record BoundEndpoint(
        String id,
        String url,
        String host,
        int port,
        boolean ephemeral,
        String addressId,
        String sessionId,
        String bridgeId,
        EndpointSpec spec) {

    static BoundEndpoint from(Endpoint endpoint, EndpointSpec spec) {
        return new BoundEndpoint(
                endpoint.getId(),
                endpoint.getUrl(),
                endpoint.getHost(),
                endpoint.getPort(),
                endpoint.getEphemeral(),
                endpoint.getAddressId(),
                endpoint.getSessionId(),
                endpoint.getBridgeId(),
                spec);
    }
}
