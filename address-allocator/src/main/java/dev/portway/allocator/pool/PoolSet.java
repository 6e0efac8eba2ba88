package dev.portway.allocator.pool;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The configured pools, checked once: valid host names, no overlapping ranges on the same host. */
public final class PoolSet {

    private final List<Pool> pools;
    private final List<String> hosts;

    public PoolSet(List<Pool> pools) {
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("at least one pool is needed");
        }
        List<Pool> checked = new ArrayList<>();
        for (Pool pool : pools) {
            if (!HostNames.isDnsName(pool.host())) {
                throw new IllegalArgumentException("pool host '" + pool.host() + "' is not a DNS name");
            }
            for (Pool earlier : checked) {
                if (earlier.host().equals(pool.host()) && earlier.ports().overlaps(pool.ports())) {
                    throw new IllegalArgumentException("pools " + earlier + " and " + pool
                            + " overlap; give each host disjoint port ranges");
                }
            }
            checked.add(pool);
        }
        this.pools = List.copyOf(checked);
        Set<String> distinctHosts = new LinkedHashSet<>();
        checked.forEach(p -> distinctHosts.add(p.host()));
        this.hosts = List.copyOf(distinctHosts);
    }

    public List<Pool> all() {
        return pools;
    }

    /** Distinct pool hosts, in configuration order. */
    public List<String> hosts() {
        return hosts;
    }

    public boolean isPoolHost(String host) {
        return hosts.contains(host);
    }

    public List<Pool> poolsOf(String host) {
        return pools.stream().filter(p -> p.host().equals(host)).toList();
    }

    /** The pool that hands out host:port, if any. */
    public Optional<Pool> poolFor(String host, int port) {
        return pools.stream().filter(p -> p.contains(host, port)).findFirst();
    }

    /** The pools (one per host at most) whose range contains the port. */
    public List<Pool> poolsContaining(int port) {
        return pools.stream().filter(p -> p.ports().contains(port)).toList();
    }

    public String describe(List<Pool> subset) {
        return subset.stream().map(Pool::toString).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return describe(pools);
    }
}
