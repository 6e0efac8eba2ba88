package dev.portway.allocator.ops;

import dev.portway.allocator.store.AddressStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the store is open and answers a query. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

    @Inject
    AddressStore store;

    @Override
    public HealthCheckResponse call() {
        try {
            store.ping();
            return HealthCheckResponse.named("address-store").up()
                    .withData("revision", store.currentRevision())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("address-store").down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
