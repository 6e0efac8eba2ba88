package dev.portway.edge;

import io.smallrye.config.ConfigMapping;

/** The credentials the edge presents to the rest of the suite. */
@ConfigMapping(prefix = "portway.auth")
public interface AuthConfig {

    /**
     * The internal service token: sent as {@code authorization: Bearer <token>} to the allocator and
     * the bridges, and in every {@code EdgeOpen} preamble. Required; never logged.
     */
    String serviceToken();
}
