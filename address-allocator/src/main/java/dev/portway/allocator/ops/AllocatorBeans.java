package dev.portway.allocator.ops;

import dev.portway.allocator.allocation.Allocator;
import dev.portway.allocator.config.AllocatorConfig;
import dev.portway.allocator.config.PoolConfigs;
import dev.portway.allocator.model.Change;
import dev.portway.allocator.model.Snapshot;
import dev.portway.allocator.pool.PoolSet;
import dev.portway.allocator.store.AddressStore;
import dev.portway.allocator.store.SqliteAddressStore;
import dev.portway.service.grpc.GrpcCalls;
import dev.portway.service.watch.ChangeHub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Wires the plain (framework-free) allocator classes as CDI beans. The token registry and the auth interceptor
 * come from the service-auth jar.
 */
public class AllocatorBeans {

    @Produces
    @Singleton
    PoolSet pools(AllocatorConfig config) {
        return PoolConfigs.toPoolSet(config.pools());
    }

    /** Typed to the class only, so that {@link #store} is the one AddressStore. */
    @Produces
    @Singleton
    @Typed(SqliteAddressStore.class)
    SqliteAddressStore sqliteStore(AllocatorConfig config) {
        return SqliteAddressStore.open(config.store().path(), config.revisionsRetained());
    }

    void close(@Disposes SqliteAddressStore store) {
        store.close();
    }

    /** The embedded store; a Kubernetes-backed one can be produced here instead later. */
    @Produces
    @Singleton
    AddressStore store(SqliteAddressStore sqlite) {
        return sqlite;
    }

    @Produces
    @Singleton
    ChangeHub<Snapshot, Change> hub() {
        return new ChangeHub<>();
    }

    /** gRPC work runs on allocator-call threads, Watch events go out on allocator-watch threads. */
    @Produces
    @Singleton
    GrpcCalls calls() {
        return new GrpcCalls("allocator", "the allocator");
    }

    void close(@Disposes GrpcCalls calls) {
        calls.close();
    }

    /**
     * Normal-scoped (a lazy proxy) on purpose: the gRPC server creates its service bean on an event loop,
     * and opening the store there would block it. The instance is created at StartupEvent on the main
     * thread (see AllocatorLifecycle) or at the first call, on a worker.
     */
    @Produces
    @ApplicationScoped
    Allocator allocator(PoolSet pools, AddressStore store, ChangeHub<Snapshot, Change> hub, AllocatorConfig config) {
        Allocator allocator = new Allocator(pools, store, hub, Clock.systemUTC(), config.ephemeralLease(),
                new SecureRandom());
        // Loaded before anyone can use it, so the held-ports view is complete for the first request.
        allocator.load();
        return allocator;
    }
}
