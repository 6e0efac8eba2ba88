package dev.portway.service.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.auth.Caller;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

class AccountResolverTest {

    @Test
    void shouldLetUserTokensActForTheirOwnAccountOnly() {
        assertEquals("alice", AccountResolver.resolve(Caller.ofAccount("alice"), ""));
        assertEquals("alice", AccountResolver.resolve(Caller.ofAccount("alice"), "alice"));
        assertThrows(RuntimeException.class, () -> AccountResolver.resolve(Caller.ofAccount("alice"), "bob"));
        assertEquals("bob", AccountResolver.resolve(Caller.serviceToken(), "bob"));
        assertThrows(RuntimeException.class, () -> AccountResolver.resolve(Caller.serviceToken(), ""));
    }

    @Test
    void shouldRefuseWithAStatusAndAMessageThatSayWhatToDo() {
        // When a user token names another account
        RefusedException other = assertThrows(RefusedException.class,
                () -> AccountResolver.resolve(Caller.ofAccount("alice"), "bob"));

        // Then
        assertEquals(Status.Code.PERMISSION_DENIED, other.code());
        assertEquals("this authtoken acts for account 'alice' only, not 'bob'; leave account empty or set it to"
                + " 'alice'", other.getMessage());

        // When the service token names no account, or something that is not an account name
        RefusedException missing = assertThrows(RefusedException.class,
                () -> AccountResolver.resolve(Caller.serviceToken(), " "));
        RefusedException malformed = assertThrows(RefusedException.class,
                () -> AccountResolver.resolve(Caller.serviceToken(), "-bob"));

        // Then
        assertEquals(Status.Code.INVALID_ARGUMENT, missing.code());
        assertEquals("account is required when calling with the service token: set it to the account to act for",
                missing.getMessage());
        assertEquals(Status.Code.INVALID_ARGUMENT, malformed.code());
        assertTrue(malformed.getMessage().startsWith("account '-bob' is not an account name; use 1-128"),
                malformed.getMessage());
    }
}
