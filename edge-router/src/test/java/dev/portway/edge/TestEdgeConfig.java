package dev.portway.edge;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An {@link EdgeConfig} for tests that run the edge without Quarkus: short retries, localhost bound
 * to 127.0.0.1, the agent data listener on any free port of 127.0.0.1.
 */
record TestEdgeConfig(String allocator, List<String> bridges, String policyEngine, boolean eventsEnabled,
                      Map<String, String> hostBindings,
                      String defaultBindAddress, String dataBindAddress, int dataPort, String dataAdvertisedHost,
                      Duration agentDialTimeout, int ioThreads, boolean reusePort, Duration watchRetryInitial,
                      Duration watchRetryMax, Duration bindRetryInterval, boolean agentLinks) implements EdgeConfig {

    /** Without a policy-engine (nothing listens on port 1): the edge fails closed. */
    static TestEdgeConfig of(String allocator, List<String> bridges) {
        return of(allocator, bridges, "127.0.0.1:1");
    }

    static TestEdgeConfig of(String allocator, List<String> bridges, String policyEngine) {
        return new TestEdgeConfig(allocator, bridges, policyEngine, true, Map.of("localhost", "127.0.0.1"), "127.0.0.1",
                "127.0.0.1", 0, "127.0.0.1", Duration.ofSeconds(10), 2, true,
                Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(200), true);
    }

    @Override
    public Events events() {
        return () -> eventsEnabled;
    }

    TestEdgeConfig withEventsEnabled(boolean enabled) {
        return new TestEdgeConfig(allocator, bridges, policyEngine, enabled, hostBindings, defaultBindAddress,
                dataBindAddress, dataPort, dataAdvertisedHost, agentDialTimeout, ioThreads, reusePort, watchRetryInitial,
                watchRetryMax, bindRetryInterval, agentLinks);
    }

    TestEdgeConfig withAgentDialTimeout(Duration timeout) {
        return new TestEdgeConfig(allocator, bridges, policyEngine, eventsEnabled, hostBindings, defaultBindAddress, dataBindAddress, dataPort,
                dataAdvertisedHost, timeout, ioThreads, reusePort, watchRetryInitial, watchRetryMax, bindRetryInterval, agentLinks);
    }

    TestEdgeConfig withAgentLinks(boolean on) {
        return new TestEdgeConfig(allocator, bridges, policyEngine, eventsEnabled, hostBindings, defaultBindAddress, dataBindAddress,
                dataPort, dataAdvertisedHost, agentDialTimeout, ioThreads, reusePort, watchRetryInitial, watchRetryMax,
                bindRetryInterval, on);
    }

    TestEdgeConfig withDataBindAddress(String ip) {
        return new TestEdgeConfig(allocator, bridges, policyEngine, eventsEnabled, hostBindings, defaultBindAddress, ip, dataPort,
                dataAdvertisedHost, agentDialTimeout, ioThreads, reusePort, watchRetryInitial, watchRetryMax, bindRetryInterval, agentLinks);
    }
}
