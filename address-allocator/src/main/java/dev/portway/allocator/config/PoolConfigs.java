package dev.portway.allocator.config;

import dev.portway.allocator.pool.HostNames;
import dev.portway.allocator.pool.Pool;
import dev.portway.allocator.pool.PoolSet;
import dev.portway.allocator.pool.PortRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the pool set from configuration; errors name the property to fix. */
public final class PoolConfigs {

    private PoolConfigs() {
    }

    public static PoolSet toPoolSet(Optional<List<AllocatorConfig.PoolEntry>> entries) {
        if (entries.isEmpty() || entries.get().isEmpty()) {
            return new PoolSet(List.of(new Pool(AllocatorConfig.DEFAULT_POOL_HOST,
                    PortRange.parse(AllocatorConfig.DEFAULT_POOL_PORTS))));
        }
        List<Pool> pools = new ArrayList<>();
        for (int i = 0; i < entries.get().size(); i++) {
            AllocatorConfig.PoolEntry entry = entries.get().get(i);
            String host = HostNames.normalize(entry.host());
            if (!HostNames.isDnsName(host)) {
                throw new IllegalArgumentException("portway.allocator.pools[" + i + "].host: '" + entry.host()
                        + "' is not a DNS name; use the name clients connect to, e.g. 1.tcp.example.com");
            }
            pools.add(new Pool(host, entry.ports()));
        }
        try {
            return new PoolSet(pools);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("portway.allocator.pools: " + e.getMessage(), e);
        }
    }
}
