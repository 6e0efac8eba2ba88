package dev.portway.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The edge's meters. Byte counts are plain {@link LongAdder}s fetched once per connection and exposed
 * as function counters, so the data path never looks a meter up per read.
 */
public final class EdgeMetrics {

    /** Bytes of one endpoint: {@code in} from clients towards the agent, {@code out} back. */
    public record EndpointTraffic(LongAdder in, LongAdder out) {}

    private final MeterRegistry registry;
    private final AtomicLong connectionsOpen = new AtomicLong();
    private final AtomicInteger listeners = new AtomicInteger();
    private final Counter connections;
    private final Counter refused;
    private final Counter agentDialTimeouts;
    // Holds the adders strongly: function counters only keep weak references.
    private final ConcurrentMap<String, EndpointTraffic> trafficByUrl = new ConcurrentHashMap<>();

    public EdgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("portway.edge.connections.open", connectionsOpen, AtomicLong::get)
                .description("Client connections open on this edge")
                .register(registry);
        Gauge.builder("portway.edge.listeners", listeners, AtomicInteger::get)
                .description("Addresses this edge is listening on")
                .register(registry);
        connections = Counter.builder("portway.edge.connections")
                .description("Client connections accepted")
                .register(registry);
        refused = Counter.builder("portway.edge.connections.refused")
                .description("Client connections closed without being carried: no online endpoint, the bridge did not"
                        + " open the connection, the agent did not dial in in time or could not reach its upstream")
                .register(registry);
        agentDialTimeouts = Counter.builder("portway.edge.agent.dial.timeouts")
                .description("Client connections reset because the endpoint's agent did not dial in within agent-dial-timeout")
                .register(registry);
    }

    void connectionOpened() {
        connections.increment();
        connectionsOpen.incrementAndGet();
    }

    void connectionClosed() {
        connectionsOpen.decrementAndGet();
    }

    void connectionRefused() {
        refused.increment();
    }

    void agentDialTimedOut() {
        agentDialTimeouts.increment();
    }

    void listenersBound(int count) {
        listeners.set(count);
    }

    /** The counters of the endpoint with this URL; fetch once per connection. */
    EndpointTraffic trafficOf(String url) {
        return trafficByUrl.computeIfAbsent(url, this::register);
    }

    private EndpointTraffic register(String url) {
        EndpointTraffic traffic = new EndpointTraffic(new LongAdder(), new LongAdder());
        FunctionCounter.builder("portway.edge.bytes.in", traffic.in(), LongAdder::sum)
                .description("Bytes from clients towards the endpoint's agent")
                .tag("endpoint", url)
                .register(registry);
        FunctionCounter.builder("portway.edge.bytes.out", traffic.out(), LongAdder::sum)
                .description("Bytes from the endpoint's agent back to clients")
                .tag("endpoint", url)
                .register(registry);
        return traffic;
    }
}
