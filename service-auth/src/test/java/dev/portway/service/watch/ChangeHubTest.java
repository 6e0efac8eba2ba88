package dev.portway.service.watch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeHubTest {

    /** A history that retains the changes after revision 3 of "revisions 1..5". */
    private static final ChangeHistory<String, Long> HISTORY = new ChangeHistory<>() {
        @Override
        public String snapshot() {
            return "snapshot at 5";
        }

        @Override
        public Optional<List<Long>> changesAfter(long revision) {
            if (revision < 3 || revision > 5) {
                return Optional.empty();
            }
            List<Long> after = new ArrayList<>();
            for (long r = revision + 1; r <= 5; r++) {
                after.add(r);
            }
            return Optional.of(after);
        }
    };

    /** A watcher that remembers what it was given. */
    private static final class Recording implements ChangeHub.Subscriber<String, Long> {
        WatchStart<String, Long> start;
        final List<Long> offered = new ArrayList<>();
        boolean shutdown;

        @Override
        public void begin(WatchStart<String, Long> start) {
            this.start = start;
        }

        @Override
        public void offer(Long change) {
            offered.add(change);
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }
    }

    private final ChangeHub<String, Long> hub = new ChangeHub<>();

    @Test
    void shouldStartAResumingWatcherWithTheChangesItMissed() {
        // When
        Recording watcher = new Recording();
        hub.subscribe(watcher, 3, HISTORY);

        // Then
        assertFalse(watcher.start.isSnapshot());
        assertEquals(List.of(4L, 5L), watcher.start.replay());
    }

    @Test
    void shouldStartWithASnapshotWhenAskedOrWhenTheChangesAreNoLongerRetained() {
        // When
        Recording fresh = new Recording();
        Recording tooOld = new Recording();
        hub.subscribe(fresh, 0, HISTORY);
        hub.subscribe(tooOld, 2, HISTORY);

        // Then
        assertEquals("snapshot at 5", fresh.start.snapshot());
        assertNull(fresh.start.replay());
        assertEquals("snapshot at 5", tooOld.start.snapshot());
    }

    @Test
    void shouldOfferEveryPublishedChangeUntilRemoved() {
        // Given
        Recording staying = new Recording();
        Recording leaving = new Recording();
        hub.subscribe(staying, 0, HISTORY);
        hub.subscribe(leaving, 0, HISTORY);

        // When
        hub.publish(6L);
        hub.remove(leaving);
        hub.publish(7L);

        // Then
        assertEquals(List.of(6L, 7L), staying.offered);
        assertEquals(List.of(6L), leaving.offered);
        assertEquals(1, hub.size());
    }

    @Test
    void shouldTellEveryWatcherToReconnectOnShutdownAndForgetThem() {
        // Given
        Recording watcher = new Recording();
        hub.subscribe(watcher, 0, HISTORY);

        // When
        hub.shutdown();

        // Then
        assertTrue(watcher.shutdown);
        assertEquals(0, hub.size());
    }
}
