package dev.portway.bridge.data;

import dev.portway.api.v1.Endpoint;
import dev.portway.relay.Splice;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connection and byte counts of the data plane. Byte counters are per endpoint URL, registered
 * once per URL and bumped with a LongAdder on every read (no meter lookup on the data path).
 */
final class DataMetrics {

    private final MeterRegistry meters;
    private final AtomicLong open = new AtomicLong();
    private final Counter total;
    private final Counter failed;
    private final Map<String, LongAdder[]> bytesByUrl = new ConcurrentHashMap<>();

    DataMetrics(MeterRegistry meters, Map<?, ?> waiting) {
        this.meters = meters;
        Gauge.builder("portway_bridge_connections_open", open, AtomicLong::get)
                .description("Client connections spliced through this bridge now").register(meters);
        // Micrometer holds gauge state weakly: pass the map itself, which the data plane keeps alive.
        Gauge.builder("portway_bridge_connections_waiting", waiting, Map::size)
                .description("Edge connections waiting for their agent to dial back").register(meters);
        total = Counter.builder("portway_bridge_connections_total")
                .description("Client connections spliced through this bridge").register(meters);
        failed = Counter.builder("portway_bridge_connections_failed_total")
                .description("Client connections the agent could not serve, or did not answer in time")
                .register(meters);
    }

    void failed() {
        failed.increment();
    }

    /** An observer for one spliced connection: a = edge side, b = agent side. */
    Splice.Observer observer(Endpoint endpoint) {
        LongAdder[] bytes = bytesByUrl.computeIfAbsent(endpoint.getUrl(), this::register);
        open.incrementAndGet();
        total.increment();
        return new Splice.Observer() {
            @Override
            public void onBytes(Splice.Direction direction, int n) {
                bytes[direction.ordinal()].add(n);
            }

            @Override
            public void onClosed(Splice splice, Throwable cause) {
                open.decrementAndGet();
            }
        };
    }

    private LongAdder[] register(String url) {
        LongAdder in = new LongAdder();
        LongAdder out = new LongAdder();
        FunctionCounter.builder("portway_bridge_bytes_in_total", in, LongAdder::sum)
                .description("Bytes from clients towards the agent").tag("endpoint", url).register(meters);
        FunctionCounter.builder("portway_bridge_bytes_out_total", out, LongAdder::sum)
                .description("Bytes from the agent towards clients").tag("endpoint", url).register(meters);
        return new LongAdder[] {in, out};
    }
}
