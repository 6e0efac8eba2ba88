package dev.portway.allocator.pool;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory view of which host:port pairs are held, mirrored from the store after each committed change.
 * It lets the picker test candidates without a query each, and keeps per-pool counts for metrics.
 * <p>
 * Mutations and {@link #isHeld} are called under the allocator's lock; the counts are atomics so that
 * metrics scrapes may read them from any thread.
 */
public final class HeldPorts {

    private final PoolSet pools;
    private final Map<String, BitSet> heldByHost = new HashMap<>();
    private final Map<Pool, AtomicInteger> reservedByPool = new HashMap<>();

    public HeldPorts(PoolSet pools) {
        this.pools = pools;
        pools.all().forEach(p -> reservedByPool.put(p, new AtomicInteger()));
    }

    public PoolSet pools() {
        return pools;
    }

    public boolean isHeld(String host, int port) {
        BitSet held = heldByHost.get(host);
        return held != null && held.get(port);
    }

    /** Records host:port as held. Addresses outside every pool (after a config change) are tracked too. */
    public void mark(String host, int port) {
        BitSet held = heldByHost.computeIfAbsent(host, h -> new BitSet(PortRange.MAX_PORT + 1));
        if (!held.get(port)) {
            held.set(port);
            pools.poolFor(host, port).ifPresent(p -> reservedByPool.get(p).incrementAndGet());
        }
    }

    public void unmark(String host, int port) {
        BitSet held = heldByHost.get(host);
        if (held != null && held.get(port)) {
            held.clear(port);
            pools.poolFor(host, port).ifPresent(p -> reservedByPool.get(p).decrementAndGet());
        }
    }

    public int reservedIn(Pool pool) {
        return reservedByPool.get(pool).get();
    }

    public int freeIn(Pool pool) {
        return pool.size() - reservedIn(pool);
    }

    public long reservedOnHost(String host) {
        return sum(pools.poolsOf(host), true);
    }

    public long freeOnHost(String host) {
        return sum(pools.poolsOf(host), false);
    }

    private long sum(List<Pool> subset, boolean reserved) {
        long total = 0;
        for (Pool pool : subset) {
            total += reserved ? reservedIn(pool) : freeIn(pool);
        }
        return total;
    }
}
