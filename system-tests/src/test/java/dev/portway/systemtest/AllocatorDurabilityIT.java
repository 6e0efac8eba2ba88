package dev.portway.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.portway.api.v1.Address;
import dev.portway.systemtest.support.AllocatorApi;
import dev.portway.systemtest.support.Suite;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every reservation the allocator acknowledged survives SIGKILL. */
class AllocatorDurabilityIT {

    @Test
    void shouldKeepEveryAcknowledgedReservationAcrossKill9() {
        try (Suite suite = Suite.start("durability", 0, 0)) {
            // Given 40 acknowledged reservations
            Set<String> before = new HashSet<>();
            try (AllocatorApi alice = suite.allocatorAs(suite.aliceToken)) {
                for (int i = 0; i < 40; i++) {
                    Address a = alice.reserve();
                    before.add(a.getId() + "@" + a.getPort());
                }
            }
            // When the allocator is killed with SIGKILL and started again
            suite.allocator.kill9();
            suite.allocator.start();
            suite.allocator.awaitReady();
            try (AllocatorApi alice = suite.allocatorAs(suite.aliceToken)) {
                // Then every reservation is there
                Set<String> after = alice.list().stream()
                        .map(a -> a.getId() + "@" + a.getPort()).collect(Collectors.toSet());
                assertEquals(before, after);
                // And new reservations never reuse a held port
                Set<Integer> held = after.stream().map(s -> Integer.parseInt(s.substring(s.indexOf('@') + 1)))
                        .collect(Collectors.toSet());
                for (int i = 0; i < 40; i++) {
                    int port = alice.reserve().getPort();
                    assertFalse(held.contains(port), "port " + port + " was reserved twice");
                    held.add(port);
                }
                List<Address> all = alice.list();
                assertEquals(80, all.size());
            }
        }
    }
}
