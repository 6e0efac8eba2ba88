package dev.portway.policyengine.ops;

import dev.portway.policyengine.store.CloudEndpointStore;
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
    CloudEndpointStore store;

    @Override
    public HealthCheckResponse call() {
        try {
            store.ping();
            return HealthCheckResponse.named("cloud-endpoint-store").up()
                    .withData("revision", store.currentRevision())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("cloud-endpoint-store").down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
