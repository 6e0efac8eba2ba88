package dev.portway.bridge.endpoint;

import dev.portway.bridge.allocator.AllocatorClient;
import dev.portway.bridge.config.BridgeConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps the ephemeral addresses of online endpoints leased at the allocator. When an agent dies
 * its endpoints go offline, renewal stops, and the allocator releases the address once the lease
 * runs out: the grace period in which a reconnecting agent gets its address back.
 */
@ApplicationScoped
public class LeaseRenewer {

    private static final Logger LOG = Logger.getLogger(LeaseRenewer.class);

    private final EndpointRegistry registry;
    private final AllocatorClient allocator;
    private final BridgeConfig config;
    private final Vertx vertx;

    public LeaseRenewer(EndpointRegistry registry, AllocatorClient allocator, BridgeConfig config, Vertx vertx) {
        this.registry = registry;
        this.allocator = allocator;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(config.leaseRenewInterval().toMillis(), t -> renew());
    }

    private void renew() {
        List<String> ids = registry.ephemeralAddressIds();
        if (ids.isEmpty()) {
            return;
        }
        allocator.renewLeases(ids).whenComplete((response, error) -> {
            if (error != null) {
                LOG.warnf("could not renew %d ephemeral leases: %s", ids.size(), error.getMessage());
            } else if (response.getMissingIdsCount() > 0) {
                LOG.warnf("ephemeral addresses no longer held: %s", response.getMissingIdsList());
            }
        });
    }
}
