package dev.portway.allocator.ops;

import dev.portway.auth.TokenRegistry;
import dev.portway.allocator.allocation.Allocator;
import dev.portway.allocator.config.AllocatorConfig;
import dev.portway.allocator.model.Change;
import dev.portway.allocator.model.Snapshot;
import dev.portway.allocator.store.SqliteAddressStore;
import dev.portway.service.watch.ChangeHub;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts what runs beside the gRPC service: the lease sweeper and the metrics; logs the startup line.
 * <p>
 * The sweeper is a single daemon thread of our own rather than a Vert.x timer (which would fire on an event
 * loop, where the blocking store must not be called) or quarkus-scheduler (a whole extension for one fixed
 * delay). Fixed delay, so a slow sweep never overlaps the next one.
 */
@ApplicationScoped
public class AllocatorLifecycle {

    private static final Logger LOG = Logger.getLogger(AllocatorLifecycle.class);

    @Inject
    Allocator allocator;

    @Inject
    SqliteAddressStore store;

    @Inject
    ChangeHub<Snapshot, Change> hub;

    @Inject
    TokenRegistry tokens;

    @Inject
    AllocatorConfig config;

    @Inject
    MeterRegistry registry;

    private ScheduledExecutorService sweeper;

    void start(@Observes StartupEvent event) {
        checkTimings();
        registerGauges();
        long interval = Math.max(1, config.leaseSweepInterval().toMillis());
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "allocator-lease-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
        LOG.infof("Address allocator ready: pools [%s], store %s (journal %s, synchronous FULL), %d addresses"
                + " held, revision %d, ephemeral lease %s, %d user accounts%s",
                allocator.pools(), store.path(), store.pragma("journal_mode"),
                allocator.poolUsage().stream().mapToInt(p -> p.reserved()).sum(), allocator.currentRevision(),
                config.ephemeralLease(), tokens.accountCount(),
                tokens.isEmpty() ? " (no tokens configured: every call will be refused)" : "");
    }

    /** Values that would silently break the service are refused at startup, naming the property. */
    private void checkTimings() {
        if (config.ephemeralLease().isNegative() || config.ephemeralLease().isZero()) {
            throw new IllegalArgumentException("portway.allocator.ephemeral-lease must be positive, got "
                    + config.ephemeralLease());
        }
        if (config.leaseSweepInterval().isNegative() || config.leaseSweepInterval().isZero()) {
            throw new IllegalArgumentException("portway.allocator.lease-sweep-interval must be positive, got "
                    + config.leaseSweepInterval());
        }
        if (config.watchBufferSize() < 1) {
            throw new IllegalArgumentException("portway.allocator.watch-buffer-size must be at least 1, got "
                    + config.watchBufferSize());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        hub.shutdown();
    }

    private void sweep() {
        try {
            int released = allocator.releaseExpired();
            if (released > 0) {
                LOG.infof("released %d ephemeral addresses whose lease ran out", released);
            }
        } catch (RuntimeException e) {
            // Keep sweeping: a failure now (e.g. disk full) may be gone at the next run.
            LOG.error("lease sweep failed", e);
        }
    }

    /** Gauges read in-memory counters kept by the allocator: a scrape never touches the store. */
    private void registerGauges() {
        for (String host : allocator.pools().hosts()) {
            Gauge.builder("portway.addresses.reserved", allocator.heldPorts(), h -> h.reservedOnHost(host))
                    .tag("pool", host)
                    .description("Addresses held on this pool host")
                    .register(registry);
            Gauge.builder("portway.addresses.free", allocator.heldPorts(), h -> h.freeOnHost(host))
                    .tag("pool", host)
                    .description("Ports still free on this pool host")
                    .register(registry);
        }
    }
}
