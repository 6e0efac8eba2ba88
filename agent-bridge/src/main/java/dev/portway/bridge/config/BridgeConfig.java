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

    /** Local IP the data listener binds (edges and agents open data connections here). */
    @WithDefault("0.0.0.0")
    String dataBindAddress();

    /** Port of the data listener; 0 picks a free one (tests). */
    @WithDefault("7202")
    int dataPort();

    /**
     * host (or host:port) that agents and edges dial for data connections. Default: "localhost"
     * with the data port; in Kubernetes, the pod's IP or a per-pod DNS name.
     */
    @WithDefault("localhost")
    String dataAdvertisedHost();

    /** How often each side of an agent session sends a heartbeat. */
    @WithDefault("1s")
    Duration heartbeatInterval();

    /** A session that sends nothing for this long is dead: its endpoints go offline. */
    @WithDefault("5s")
    Duration heartbeatTimeout();

    /** How long an edge's data connection may wait for the agent to dial back. */
    @WithDefault("10s")
    Duration agentDialTimeout();

    /** How often the leases of bound ephemeral addresses are renewed at the allocator. */
    @WithDefault("10s")
    Duration leaseRenewInterval();

    /** Netty event-loop threads for data connections; 0 means one per core. */
    @WithDefault("0")
    int ioThreads();
}
