package dev.portway.edge;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Starts the {@link EdgeRouter} with the application and stops it with it. */
@ApplicationScoped
public class EdgeRouterLifecycle {

    private final EdgeConfig config;
    private final AuthConfig auth;
    private final MeterRegistry registry;
    private volatile EdgeRouter router;

    public EdgeRouterLifecycle(EdgeConfig config, AuthConfig auth, MeterRegistry registry) {
        this.config = config;
        this.auth = auth;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        EdgeRouter r = new EdgeRouter(config, auth.serviceToken(), registry);
        r.start();
        router = r;
    }

    void onStop(@Observes ShutdownEvent event) {
        EdgeRouter r = router;
        if (r != null) {
            r.close();
        }
    }

    /** Null until started. */
    EdgeRouter router() {
        return router;
    }
}
