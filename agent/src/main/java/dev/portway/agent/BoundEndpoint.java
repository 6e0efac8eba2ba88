package dev.portway.agent;

import dev.portway.api.v1.BindResponse;
import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.PolicyIssue;
import java.util.List;

/**
 * An endpoint as the bridge bound it. A snapshot: after a reconnect the same endpoint is bound
 * again under a new {@link #id()} (and, for an ephemeral address whose lease ran out, a new URL).
 *
 * @param id the bridge's endpoint id for this binding
 * @param url {@code tcp://host:port} (or {@code tcp://<name>.internal:<port>}), the URL clients
 *     reach it by
 * @param spec what was asked for
 * @param policyWarnings the warnings about the spec's traffic policy (e.g. on_http_request rules
 *     applied at on_tcp_connect); empty when there are none or no policy was given
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
        EndpointSpec spec,
        List<PolicyIssue> policyWarnings) {

    public BoundEndpoint {
        policyWarnings = policyWarnings == null ? List.of() : List.copyOf(policyWarnings);
    }

    /** From an accepted bind (its {@code endpoint} is set). */
    static BoundEndpoint from(BindResponse response, EndpointSpec spec) {
        Endpoint endpoint = response.getEndpoint();
        return new BoundEndpoint(
                endpoint.getId(),
                endpoint.getUrl(),
                endpoint.getHost(),
                endpoint.getPort(),
                endpoint.getEphemeral(),
                endpoint.getAddressId(),
                endpoint.getSessionId(),
                endpoint.getBridgeId(),
                spec,
                response.getPolicyWarningsList());
    }
}
