package dev.portway.bridge.auth;

import dev.portway.bridge.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/** Maps authtokens to accounts and checks the service token, in constant time. */
@ApplicationScoped
public class Authtokens {

    private final AuthConfig config;

    public Authtokens(AuthConfig config) {
        this.config = config;
    }

    /** The account whose authtoken this is, if any. */
    public Optional<String> accountOf(String authtoken) {
        if (authtoken == null || authtoken.isEmpty()) {
            return Optional.empty();
        }
        String found = null;
        for (Map.Entry<String, AuthConfig.Account> e : config.accounts().entrySet()) {
            // Compare against every account so the time taken does not tell which one matched.
            if (same(authtoken, e.getValue().authtoken())) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isServiceToken(String token) {
        return token != null && same(token, config.serviceToken());
    }

    public String serviceToken() {
        return config.serviceToken();
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
