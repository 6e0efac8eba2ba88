package dev.portway.bridge.config;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/**
 * Credentials, under {@code portway.auth}; the same keys as the allocator's, so one Secret serves
 * both. Values are never logged.
 */
@ConfigMapping(prefix = "portway.auth")
public interface AuthConfig {

    /** Token that edges present (in the data preamble and on EndpointDirectory.Watch). */
    String serviceToken();

    /** Accounts by name; each agent authenticates with its account's authtoken. */
    Map<String, Account> accounts();

    interface Account {
        /** The authtoken agents of this account present in their hello. */
        String authtoken();
    }
}
