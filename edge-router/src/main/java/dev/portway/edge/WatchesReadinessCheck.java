package dev.portway.edge;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the allocator's snapshot and a first snapshot from every configured bridge arrived;
 * until then the edge does not know what to serve. Names the watches still missing.
 */
@Readiness
@ApplicationScoped
public class WatchesReadinessCheck implements HealthCheck {

    private final EdgeRouterLifecycle lifecycle;

    public WatchesReadinessCheck(EdgeRouterLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("control-plane snapshots");
        EdgeRouter router = lifecycle.router();
        if (router == null) {
            return response.down().withData("missing", "edge not started").build();
        }
        WatchReadiness readiness = router.readiness();
        if (readiness.isReady()) {
            return response.up().build();
        }
        return response.down().withData("missing", String.join(", ", readiness.missing())).build();
    }
}
