package dev.portway.auth;

import io.smallrye.config.ConfigMapping;

import java.util.Map;
import java.util.Optional;

/** Who may call a Portway service (the allocator, the policy engine). Token values are secrets: they are never logged. */
@ConfigMapping(prefix = "portway.auth")
public interface AuthConfig {

    /**
     * Internal token of the suite's own services (bridges, edges, the operator). It may act for any account, which each
     * request must then name. Unset: no service may call.
     */
    Optional<String> serviceToken();

    /** User accounts keyed by account name: {@code portway.auth.accounts.<account>.authtoken=<token>}. */
    Map<String, Account> accounts();

    /** One user account. */
    interface Account {

        /** The token that acts for this account only (what users pass with {@code --authtoken}). */
        String authtoken();
    }
}
