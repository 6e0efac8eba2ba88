package dev.portway.allocator.config;

import dev.portway.allocator.pool.PortRange;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration of the address allocator: its pools, its store and its timings. */
@ConfigMapping(prefix = "portway.allocator")
public interface AllocatorConfig {

    /** The pool used when {@code portway.allocator.pools} is not configured at all. */
    String DEFAULT_POOL_HOST = "localhost";
    String DEFAULT_POOL_PORTS = "20000-29999";

    /**
     * Pools of addresses to hand out, e.g. {@code portway.allocator.pools[0].host=1.tcp.example.com} and
     * {@code portway.allocator.pools[0].ports=20000-29999}. Several pools may name the same host with
     * disjoint ranges, and different hosts may reuse the same ports. When none is configured, one pool is
     * used: host {@value #DEFAULT_POOL_HOST}, ports {@value #DEFAULT_POOL_PORTS}.
     */
    Optional<List<PoolEntry>> pools();

    /** Where reservations are kept. */
    Store store();

    /**
     * How long an ephemeral address is kept without a lease renewal (RenewLeases, or reserving it again).
     * Expired ephemeral addresses are released by the sweeper.
     */
    @WithDefault("30s")
    Duration ephemeralLease();

    /**
     * How often expired ephemeral leases are looked for. Expiry is therefore noticed at most this late.
     */
    @WithDefault("1s")
    Duration leaseSweepInterval();

    /**
     * How many of the most recent changes are kept so that a Watch can resume after a disconnect;
     * a watcher further behind gets a fresh snapshot instead.
     */
    @WithDefault("10000")
    int revisionsRetained();

    /**
     * How many live events may wait for one slow watcher. When exceeded, that watcher's stream is ended
     * with ABORTED and the revision to resume from, so one slow client cannot make memory grow.
     */
    @WithDefault("1024")
    int watchBufferSize();

    /** One pool: a host name and a port range. */
    interface PoolEntry {

        /** DNS name that clients connect to, e.g. {@code 1.tcp.example.com}. */
        String host();

        /** Inclusive port range {@code MIN-MAX}, or a single port. */
        @WithDefault(DEFAULT_POOL_PORTS)
        @WithConverter(PortRangeConverter.class)
        PortRange ports();
    }

    /** The embedded SQLite store. */
    interface Store {

        /** Database file; relative paths resolve against the working directory. Parent directories are created. */
        @WithDefault("data/allocator.db")
        Path path();
    }
}
