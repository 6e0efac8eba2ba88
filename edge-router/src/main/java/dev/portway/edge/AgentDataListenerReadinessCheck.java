package dev.portway.edge;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the agent data listener is bound: without it no client can be carried, since every
 * agent dials in there. Down, with the bind error, while it cannot bind (the edge keeps retrying).
 */
@Readiness
@ApplicationScoped
public class AgentDataListenerReadinessCheck implements HealthCheck {

    private final EdgeRouterLifecycle lifecycle;

    public AgentDataListenerReadinessCheck(EdgeRouterLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("agent data listener");
        EdgeRouter router = lifecycle.router();
        if (router == null) {
            return response.down().withData("error", "edge not started").build();
        }
        String advertised = router.agentDataAddress();
        if (advertised != null) {
            return response.up().withData("advertised", advertised).build();
        }
        String failure = router.agentDataBindFailure();
        return response.down()
                .withData("bind", SocketAddresses.format(router.agentDataBindAddress()))
                .withData("error", failure == null ? "binding" : failure)
                .build();
    }
}
