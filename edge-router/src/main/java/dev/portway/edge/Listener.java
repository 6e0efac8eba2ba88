package dev.portway.edge;

import dev.portway.api.v1.Address;
import java.util.List;

/**
 * A listener the edge should have: where it listens, the address it serves there, and the
 * endpoints a client arriving on it may be carried to (never empty).
 */
public record Listener(BindAddress bindAddress, PublicAddress publicAddress, Address address,
                       List<OnlineEndpoint> endpoints) {

    public Listener {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a listener needs at least one online endpoint");
        }
    }
}
