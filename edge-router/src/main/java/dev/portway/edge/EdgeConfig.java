package dev.portway.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How the edge finds the control plane, where it listens, where agents reach it, and what it reports. */
@ConfigMapping(prefix = "portway.edge")
public interface EdgeConfig {

    /** host:port of the address-allocator's gRPC API (watched for every known address). */
    @WithDefault("localhost:7100")
    String allocator();

    /** host:port of every agent-bridge's gRPC API (each one's endpoints are watched). */
    @WithDefault("localhost:7200")
    List<String> bridges();

    /**
     * host:port of the policy-engine's gRPC API. Its cloud endpoints are watched; while the edge is not in sync
     * with them (no snapshot yet, or the watch broke) it closes every new connection and is not ready.
     */
    @WithDefault("localhost:7400")
    String policyEngine();

    /** The structured events (JSON lines on the {@code portway.events} logger category). */
    Events events();

    /** Switches for the structured events. */
    interface Events {

        /**
         * Whether the edge emits them: one {@code tcp_connection_closed} per connection and every event a policy
         * emits ({@code policy_log}). Off, no event is even built.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * Pool host → local IP literal the edge listens on for that host's addresses, e.g.
     * {@code portway.edge.host-bindings."1.tcp.portway.local"=10.0.0.5}. Hosts not listed use
     * {@link #defaultBindAddress()}.
     */
    Map<String, String> hostBindings();

    /** IP literal to listen on for hosts missing from {@link #hostBindings()}. */
    @WithDefault("0.0.0.0")
    String defaultBindAddress();

    /**
     * IP literal the agent data listener binds to. Agents dial it (through {@link
     * #dataAdvertisedHost()}) for every client connection, so it must be reachable from wherever
     * agents run.
     */
    @WithDefault("0.0.0.0")
    String dataBindAddress();

    /** Port of the agent data listener; 0 binds any free port (tests), which is then advertised. */
    @WithDefault("7302")
    int dataPort();

    /**
     * {@code host} or {@code host:port} agents dial to reach this edge's data listener; without a
     * port the bound one is added. It must lead to this very edge process: the connection a client
     * waits on lives here. In Kubernetes that is a per-pod address (the pod IP from the downward API,
     * or a StatefulSet pod's DNS name), or the edge Service only if one edge pod stands behind it.
     */
    @WithDefault("localhost")
    String dataAdvertisedHost();

    /**
     * How long a client waits for the endpoint's agent to dial back, from asking its bridge until the
     * agent's data connection arrived; the client is reset after that.
     */
    @WithDefault("10s")
    Duration agentDialTimeout();

    /**
     * Whether agents may keep a link to this edge (one TCP connection carrying each client as an HTTP/2 stream)
     * instead of dialing a data connection per client through their bridge. On by default: a new client then
     * costs no call to the bridge and no new TCP connection. Off: every client is brokered by the bridge.
     */
    @WithDefault("true")
    boolean agentLinks();

    /** Netty event-loop threads for client and agent data connections; 0 means one per core. */
    @WithDefault("0")
    int ioThreads();

    /** SO_REUSEPORT on listeners, so several edge processes on one machine serve one address. */
    @WithDefault("true")
    boolean reusePort();

    /** First delay before reconnecting a broken watch; doubles per failed attempt, with jitter. */
    @WithDefault("250ms")
    Duration watchRetryInitial();

    /** Longest delay between two reconnect attempts of a watch. */
    @WithDefault("5s")
    Duration watchRetryMax();

    /** How often listeners that failed to bind (e.g. port in use) are tried again, besides on every change. */
    @WithDefault("5s")
    Duration bindRetryInterval();
}
