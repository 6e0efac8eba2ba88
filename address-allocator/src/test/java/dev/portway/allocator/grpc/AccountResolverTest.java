package dev.portway.allocator.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portway.auth.Caller;
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
}
