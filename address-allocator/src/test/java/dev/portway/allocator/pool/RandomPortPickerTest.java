package dev.portway.allocator.pool;

import dev.portway.allocator.model.HostPort;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomPortPickerTest {

    private static final Pool A = new Pool("a.example", new PortRange(100, 109));
    private static final Pool B = new Pool("b.example", new PortRange(100, 104));
    private final PoolSet pools = new PoolSet(List.of(A, B));

    @Test
    void shouldPickTheOnlyFreePort() {
        // Given every port held but a.example:107
        HeldPorts held = new HeldPorts(pools);
        for (Pool pool : pools.all()) {
            for (int port = pool.ports().min(); port <= pool.ports().max(); port++) {
                held.mark(pool.host(), port);
            }
        }
        held.unmark("a.example", 107);

        // When
        Optional<HostPort> picked = new RandomPortPicker(new Random(1), 32).pick(pools.all(), held);

        // Then
        assertEquals(Optional.of(new HostPort("a.example", 107)), picked);
    }

    @Test
    void shouldFindNothingWhenEveryPortIsHeld() {
        // Given
        HeldPorts held = new HeldPorts(pools);
        for (int port = 100; port <= 104; port++) {
            held.mark("b.example", port);
        }

        // When
        Optional<HostPort> picked = new RandomPortPicker(new Random(1), 32).pick(List.of(B), held);

        // Then
        assertTrue(picked.isEmpty());
    }

    @Test
    void shouldPickUniformlyAmongFreePortsOfEveryPool() {
        assertUniform(new RandomPortPicker(new Random(42), 32));
    }

    @Test
    void shouldStayUniformWhenFallingBackToTheScan() {
        // Zero random attempts: every pick goes through the k-th-free-port scan.
        assertUniform(new RandomPortPicker(new Random(7), 0));
    }

    private void assertUniform(RandomPortPicker picker) {
        // Given half of a.example held: 5 free there, 5 free on b.example
        HeldPorts held = new HeldPorts(pools);
        for (int port = 100; port <= 104; port++) {
            held.mark("a.example", port);
        }

        // When
        Map<HostPort, Integer> counts = new HashMap<>();
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            HostPort picked = picker.pick(pools.all(), held).orElseThrow();
            assertFalse(held.isHeld(picked.host(), picked.port()), "picked a held port " + picked);
            counts.merge(picked, 1, Integer::sum);
        }

        // Then each of the 10 free ports gets about a tenth of the draws
        assertEquals(10, counts.size(), counts.toString());
        for (int count : counts.values()) {
            assertTrue(Math.abs(count - draws / 10) < draws / 10 * 0.1, "not uniform: " + counts);
        }
    }

    @Test
    void shouldNotHandOutPortsInOrder() {
        // Given a fresh pool
        HeldPorts held = new HeldPorts(pools);
        RandomPortPicker picker = new RandomPortPicker(new Random(3), 32);

        // When picking (and holding) several ports
        Set<Integer> firstPorts = new HashSet<>();
        boolean allInOrder = true;
        int previous = 0;
        for (int i = 0; i < 5; i++) {
            HostPort picked = picker.pick(List.of(A), held).orElseThrow();
            held.mark(picked.host(), picked.port());
            allInOrder &= picked.port() == previous + 1 || i == 0 && picked.port() == 100;
            previous = picked.port();
            firstPorts.add(picked.port());
        }

        // Then they are distinct and not simply 100, 101, 102...
        assertEquals(5, firstPorts.size());
        assertFalse(allInOrder);
    }

    @Test
    void shouldCountReservedAndFreePerPoolAndHost() {
        // Given
        HeldPorts held = new HeldPorts(pools);

        // When
        held.mark("a.example", 100);
        held.mark("a.example", 100);
        held.mark("a.example", 5000); // outside every pool: tracked, not counted
        held.mark("b.example", 104);
        held.unmark("b.example", 104);

        // Then
        assertEquals(1, held.reservedIn(A));
        assertEquals(9, held.freeIn(A));
        assertEquals(1, held.reservedOnHost("a.example"));
        assertEquals(5, held.freeOnHost("b.example"));
        assertTrue(held.isHeld("a.example", 5000));
    }
}
