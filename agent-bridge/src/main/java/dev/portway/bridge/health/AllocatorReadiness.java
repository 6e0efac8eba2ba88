package dev.portway.bridge.health;

import dev.portway.bridge.allocator.AllocatorClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The bridge is ready only when the allocator answers: without it no bind can succeed. */
@Readiness
@ApplicationScoped
public class AllocatorReadiness implements AsyncHealthCheck {

    private final AllocatorClient allocator;

    public AllocatorReadiness(AllocatorClient allocator) {
        this.allocator = allocator;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().completionStage(allocator.ping())
                .map(r -> HealthCheckResponse.named("allocator").up().withData("pools", r.getPoolsCount()).build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("allocator").down()
                        .withData("error", String.valueOf(e.getMessage())).build());
    }
}
