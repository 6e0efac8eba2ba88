package dev.portway.bridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Configuration of one agent-bridge, under {@code portway.bridge}. */
@ConfigMapping(prefix = "portway.bridge")
public interface BridgeConfig {

    /** This bridge's id, reported to agents and edges. Default: a random id per process. */
    Optional<String> id();

    /** host:port of the address-allocator's gRPC server. */
    @WithDefault("localhost:7100")
    String allocator();

    /** How often each side of an agent session sends a heartbeat. */
    @WithDefault("1s")
    Duration heartbeatInterval();

    /** A session that sends nothing for this long is dead: its endpoints go offline. */
    @WithDefault("5s")
    Duration heartbeatTimeout();

    /** How often the leases of bound ephemeral addresses are renewed at the allocator. */
    @WithDefault("10s")
    Duration leaseRenewInterval();
}
