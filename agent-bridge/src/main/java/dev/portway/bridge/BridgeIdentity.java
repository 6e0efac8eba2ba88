package dev.portway.bridge;

import dev.portway.bridge.config.BridgeConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** This bridge's id: configured, or random per process (ids need only be unique among bridges). */
@ApplicationScoped
public class BridgeIdentity {

    private final String id;

    public BridgeIdentity(BridgeConfig config) {
        this.id = config.id().orElseGet(() -> Ids.random("br"));
    }

    public String id() {
        return id;
    }
}
