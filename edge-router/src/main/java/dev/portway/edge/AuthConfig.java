package dev.portway.edge;

import io.smallrye.config.ConfigMapping;

/** The credentials the edge presents to the rest of the suite. */
@ConfigMapping(prefix = "portway.auth")
public interface AuthConfig {

    /**
     * The internal service token: sent as {@code authorization: Bearer <token>} on every call to the
     * allocator and the bridges (watches and {@code ConnectionBroker.Open}). Required; never logged.
     */
    String serviceToken();
}
