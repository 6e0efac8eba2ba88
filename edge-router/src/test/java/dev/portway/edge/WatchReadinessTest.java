package dev.portway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WatchReadinessTest {

    private final WatchReadiness readiness = new WatchReadiness(List.of("allocator a:1", "bridge b:2", "policy-engine p:3"));

    @Test
    void isReadyOnlyOnceEveryWatchSynced() {
        // Given no watch delivered yet
        assertFalse(readiness.isReady());
        assertEquals(List.of("allocator a:1", "bridge b:2", "policy-engine p:3"), readiness.missing());

        // When all but one synced
        readiness.synced("allocator a:1");
        readiness.synced("policy-engine p:3");

        // Then the missing one is named, in configuration order
        assertFalse(readiness.isReady());
        assertEquals(List.of("bridge b:2"), readiness.missing());

        // When it synced too
        readiness.synced("bridge b:2");

        // Then the edge is ready
        assertTrue(readiness.isReady());
    }

    @Test
    void shouldBeNotReadyWhileAWatchThatSyncedOnceIsBrokenAndReadyAgainWhenItResyncs() {
        // Given every watch synced
        List.of("allocator a:1", "bridge b:2", "policy-engine p:3").forEach(readiness::synced);
        assertTrue(readiness.isReady());

        // When the policy-engine's stream breaks
        readiness.lost("policy-engine p:3");

        // Then the edge is not ready, naming it
        assertFalse(readiness.isReady());
        assertEquals(List.of("policy-engine p:3"), readiness.missing());

        // When its next stream delivered
        readiness.synced("policy-engine p:3");

        // Then the edge is ready again
        assertTrue(readiness.isReady());
    }

    @Test
    void ignoresWatchesItDoesNotKnow() {
        List.of("allocator a:1", "bridge b:2", "policy-engine p:3").forEach(readiness::synced);
        readiness.lost("bridge x:9");
        assertTrue(readiness.isReady());
    }
}
