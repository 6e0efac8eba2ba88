package dev.portway.policyengine.ops;

import dev.portway.auth.TokenRegistry;
import dev.portway.policyengine.config.PolicyEngineConfig;
import dev.portway.policyengine.endpoints.CloudEndpoints;
import dev.portway.policyengine.model.Change;
import dev.portway.policyengine.model.Snapshot;
import dev.portway.policyengine.store.SqliteCloudEndpointStore;
import dev.portway.service.watch.ChangeHub;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Checks the configuration, loads the cloud endpoints, registers the metrics and logs the startup line. */
@ApplicationScoped
public class PolicyLifecycle {

    private static final Logger LOG = Logger.getLogger(PolicyLifecycle.class);

    @Inject
    CloudEndpoints endpoints;

    @Inject
    SqliteCloudEndpointStore store;

    @Inject
    ChangeHub<Snapshot, Change> hub;

    @Inject
    TokenRegistry tokens;

    @Inject
    PolicyEngineConfig config;

    @Inject
    MeterRegistry registry;

    void start(@Observes StartupEvent event) {
        checkConfig();
        Gauge.builder("portway.cloud.endpoints", endpoints, CloudEndpoints::count)
                .description("Cloud endpoints whose policy is compiled and ready")
                .register(registry);
        Gauge.builder("portway.cloud.endpoint.watchers", hub, ChangeHub::size)
                .description("Open WatchCloudEndpoints streams")
                .register(registry);
        LOG.infof("Policy engine ready: store %s (journal %s, synchronous FULL), %d cloud endpoints, revision %d,"
                + " allocator %s, %d user accounts%s", store.path(), store.pragma("journal_mode"), endpoints.count(),
                endpoints.currentRevision(), config.allocator(), tokens.accountCount(),
                tokens.isEmpty() ? " (no tokens configured: every call will be refused)" : "");
    }

    /** Values that would silently break the service are refused at startup, naming the property. */
    private void checkConfig() {
        if (config.watchBufferSize() < 1) {
            throw new IllegalArgumentException("portway.policy.watch-buffer-size must be at least 1, got "
                    + config.watchBufferSize());
        }
        if (config.maxForwardDepth() < 0) {
            throw new IllegalArgumentException("portway.policy.max-forward-depth must be at least 0, got "
                    + config.maxForwardDepth());
        }
        if (config.allocatorTimeout().isNegative() || config.allocatorTimeout().isZero()) {
            throw new IllegalArgumentException("portway.policy.allocator-timeout must be positive, got "
                    + config.allocatorTimeout());
        }
        if (!config.allocator().matches("[^:/\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException("portway.policy.allocator must be host:port of the address-allocator's"
                    + " gRPC server, got '" + config.allocator() + "'");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        hub.shutdown();
    }
}
