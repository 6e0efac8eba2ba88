package dev.portway.auth;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenRegistryTest {

    private static AuthConfig config(String serviceToken, Map<String, String> accounts) {
        return new AuthConfig() {
            @Override
            public Optional<String> serviceToken() {
                return Optional.ofNullable(serviceToken);
            }

            @Override
            public Map<String, Account> accounts() {
                Map<String, Account> result = new java.util.TreeMap<>();
                accounts.forEach((name, token) -> result.put(name, () -> token));
                return result;
            }
        };
    }

    @Test
    void shouldResolveTheServiceTokenAndUserAuthtokens() {
        // Given
        TokenRegistry tokens = new TokenRegistry(config("svc-secret", Map.of("alice", "a-secret", "bob", "b-secret")));

        // Then
        assertEquals(Optional.of(Caller.serviceToken()), tokens.authenticate("svc-secret"));
        assertEquals(Optional.of(Caller.ofAccount("bob")), tokens.authenticate("b-secret"));
        assertTrue(tokens.authenticate("b-secre").isEmpty());
        assertTrue(tokens.authenticate("").isEmpty());
        assertEquals(2, tokens.accountCount());
    }

    @Test
    void shouldRefuseTwoAccountsSharingAToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenRegistry(config("same", Map.of("alice", "same"))));
        assertTrue(e.getMessage().contains("portway.auth.accounts.alice.authtoken"), e.getMessage());
        assertFalse(e.getMessage().contains("same;"), "the token itself must not be shown: " + e.getMessage());
    }

    @Test
    void shouldRefuseBlankTokensAndBadAccountNames() {
        assertThrows(IllegalArgumentException.class, () -> new TokenRegistry(config(" ", Map.of())));
        assertThrows(IllegalArgumentException.class,
                () -> new TokenRegistry(config(null, Map.of("not an account", "t"))));
    }
}
