package dev.portway.auth;


import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a presented token to a caller without leaking, through timing, which token (or how much of one)
 * matched: tokens are compared as SHA-256 digests (equal length) with {@link MessageDigest#isEqual}, and
 * every configured token is compared on every call. Only digests are kept in memory.
 */
public final class TokenRegistry {

    private record Entry(Caller caller, byte[] digest) {
    }

    private final List<Entry> entries;

    public TokenRegistry(AuthConfig config) {
        List<Entry> built = new ArrayList<>();
        config.serviceToken().ifPresent(token -> built.add(entry("portway.auth.service-token", token,
                Caller.serviceToken(), built)));
        for (Map.Entry<String, AuthConfig.Account> account : config.accounts().entrySet()) {
            String property = "portway.auth.accounts." + account.getKey() + ".authtoken";
            if (!AccountNames.isValid(account.getKey())) {
                throw new IllegalArgumentException(property + ": '" + account.getKey()
                        + "' is not an account name; " + AccountNames.RULE);
            }
            built.add(entry(property, account.getValue().authtoken(), Caller.ofAccount(account.getKey()), built));
        }
        this.entries = List.copyOf(built);
    }

    private static Entry entry(String property, String token, Caller caller, List<Entry> existing) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(property + " is empty; set a long random token");
        }
        byte[] digest = sha256(token);
        for (Entry other : existing) {
            if (MessageDigest.isEqual(other.digest, digest)) {
                throw new IllegalArgumentException(property + " repeats the token of " + other.caller
                        + "; every account and the service need their own token");
            }
        }
        return new Entry(caller, digest);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int accountCount() {
        return (int) entries.stream().filter(e -> !e.caller.service()).count();
    }

    public Optional<Caller> authenticate(String token) {
        byte[] digest = sha256(token);
        Caller found = null;
        for (Entry entry : entries) {
            // No early exit: the time taken does not depend on which entry matches.
            if (MessageDigest.isEqual(entry.digest, digest) && found == null) {
                found = entry.caller;
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
