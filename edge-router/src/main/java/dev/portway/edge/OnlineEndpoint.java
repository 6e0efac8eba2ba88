package dev.portway.edge;

import dev.portway.api.v1.Endpoint;
import java.net.InetSocketAddress;

/**
 * An endpoint that is online on some bridge, with that bridge's data address (where the edge opens
 * one TCP connection per client).
 */
public record OnlineEndpoint(Endpoint endpoint, String bridgeId, InetSocketAddress bridgeDataAddress) {

    public String id() {
        return endpoint.getId();
    }

    public String url() {
        return endpoint.getUrl();
    }
}
