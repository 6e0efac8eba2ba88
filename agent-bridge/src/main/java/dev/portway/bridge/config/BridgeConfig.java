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

    /**
     * host:port of the policy-engine's gRPC server. Asked only for binds that carry a traffic policy
     * ({@code PolicyService.Validate}); binds without one never need it, so the bridge runs without a
     * policy-engine as long as no agent sends a policy.
     */
    @WithDefault("localhost:7400")
    String policyEngine();

    /**
     * How long a bind waits for the policy-engine's answer before it is refused with UNAVAILABLE
     * (nothing reserved, nothing bound).
     */
    @WithDefault("5s")
    Duration policyEngineTimeout();

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
