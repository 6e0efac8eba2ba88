package dev.portway.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How the edge finds the control plane and where it listens. */
@ConfigMapping(prefix = "portway.edge")
public interface EdgeConfig {

    /** host:port of the address-allocator's gRPC API (watched for every known address). */
    @WithDefault("localhost:7100")
    String allocator();

    /** host:port of every agent-bridge's gRPC API (each one's endpoints are watched). */
    @WithDefault("localhost:7200")
    List<String> bridges();

    /**
     * Pool host → local IP literal the edge listens on for that host's addresses, e.g.
     * {@code portway.edge.host-bindings."1.tcp.portway.local"=10.0.0.5}. Hosts not listed use
     * {@link #defaultBindAddress()}.
     */
    Map<String, String> hostBindings();

    /** IP literal to listen on for hosts missing from {@link #hostBindings()}. */
    @WithDefault("0.0.0.0")
    String defaultBindAddress();

    /** Netty event-loop threads for client and bridge connections; 0 means one per core. */
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
