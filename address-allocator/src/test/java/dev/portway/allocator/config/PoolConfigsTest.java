package dev.portway.allocator.config;

import dev.portway.allocator.pool.Pool;
import dev.portway.allocator.pool.PoolSet;
import dev.portway.allocator.pool.PortRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolConfigsTest {

    private static AllocatorConfig.PoolEntry entry(String host, String ports) {
        return new AllocatorConfig.PoolEntry() {
            @Override
            public String host() {
                return host;
            }

            @Override
            public PortRange ports() {
                return new PortRangeConverter().convert(ports);
            }
        };
    }

    @Test
    void shouldUseTheDefaultPoolWhenNoneIsConfigured() {
        // When
        PoolSet pools = PoolConfigs.toPoolSet(Optional.empty());

        // Then
        assertEquals(List.of(new Pool("localhost", new PortRange(20000, 29999))), pools.all());
    }

    @Test
    void shouldNormalizeConfiguredHostNames() {
        // When
        PoolSet pools = PoolConfigs.toPoolSet(Optional.of(List.of(entry("A.Example", "1000-1009"),
                entry("b.example", "1000-1009"))));

        // Then
        assertEquals(List.of("a.example", "b.example"), pools.hosts());
    }

    @Test
    void shouldNameThePropertyOfABadPoolHost() {
        // When
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PoolConfigs.toPoolSet(Optional.of(List.of(entry("ok.example", "1-2"), entry("not ok", "1-2")))));

        // Then
        assertTrue(e.getMessage().startsWith("portway.allocator.pools[1].host"), e.getMessage());
    }

    @Test
    void shouldRefuseOverlappingConfiguredPools() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PoolConfigs.toPoolSet(Optional.of(List.of(entry("a.example", "1-20"),
                        entry("a.example", "10-30")))));
        assertTrue(e.getMessage().startsWith("portway.allocator.pools:"), e.getMessage());
    }
}
