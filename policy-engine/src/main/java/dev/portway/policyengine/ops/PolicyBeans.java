package dev.portway.policyengine.ops;

import dev.portway.auth.AuthConfig;
import dev.portway.policyengine.config.PolicyEngineConfig;
import dev.portway.policyengine.endpoints.AddressOwnership;
import dev.portway.policyengine.endpoints.AllocatorAddressOwnership;
import dev.portway.policyengine.endpoints.CloudEndpoints;
import dev.portway.policyengine.endpoints.EngineException;
import dev.portway.policyengine.endpoints.Failure;
import dev.portway.policyengine.model.Change;
import dev.portway.policyengine.model.Snapshot;
import dev.portway.policyengine.store.CloudEndpointStore;
import dev.portway.policyengine.store.SqliteCloudEndpointStore;
import dev.portway.service.grpc.GrpcCalls;
import dev.portway.service.watch.ChangeHub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Wires the plain (framework-free) engine classes as CDI beans. The token registry and the auth interceptor come
 * from the service-auth jar.
 */
public class PolicyBeans {

    /** Typed to the class only, so that {@link #store} is the one CloudEndpointStore. */
    @Produces
    @Singleton
    @Typed(SqliteCloudEndpointStore.class)
    SqliteCloudEndpointStore sqliteStore(PolicyEngineConfig config) {
        return SqliteCloudEndpointStore.open(config.store().path(), config.revisionsRetained());
    }

    void close(@Disposes SqliteCloudEndpointStore store) {
        store.close();
    }

    /** The embedded store; a Kubernetes-backed one can be produced here instead later. */
    @Produces
    @Singleton
    CloudEndpointStore store(SqliteCloudEndpointStore sqlite) {
        return sqlite;
    }

    @Produces
    @Singleton
    ChangeHub<Snapshot, Change> hub() {
        return new ChangeHub<>();
    }

    /** gRPC work runs on policy-call threads, Watch events go out on policy-watch threads. */
    @Produces
    @Singleton
    GrpcCalls calls() {
        return new GrpcCalls("policy", "the policy engine");
    }

    void close(@Disposes GrpcCalls calls) {
        calls.close();
    }

    @Produces
    @Singleton
    @Typed(AddressOwnership.class)
    AddressOwnership addresses(PolicyEngineConfig config, AuthConfig auth) {
        if (auth.serviceToken().isEmpty()) {
            return (account, host, port) -> {
                throw new EngineException(Failure.UNAVAILABLE, "the policy engine cannot check addresses: set"
                        + " portway.auth.service-token (it calls the allocator with it)");
            };
        }
        return new AllocatorAddressOwnership(config.allocator(), auth.serviceToken().get(),
                config.allocatorTimeout());
    }

    void close(@Disposes AddressOwnership addresses) {
        if (addresses instanceof AllocatorAddressOwnership client) {
            client.close();
        }
    }

    /**
     * Normal-scoped (a lazy proxy) on purpose: the gRPC server creates its service bean on an event loop, and
     * opening the store and compiling the stored policies there would block it. The instance is created at
     * StartupEvent on the main thread (see PolicyLifecycle) or at the first call, on a worker.
     */
    @Produces
    @ApplicationScoped
    CloudEndpoints cloudEndpoints(CloudEndpointStore store, ChangeHub<Snapshot, Change> hub,
            AddressOwnership addresses) {
        CloudEndpoints endpoints = new CloudEndpoints(store, hub, addresses, Clock.systemUTC());
        endpoints.load();
        return endpoints;
    }
}
