package dev.portway.allocator.grpc;

import dev.portway.allocator.model.AddressKind;
import dev.portway.allocator.model.AddressRecord;
import dev.portway.allocator.model.Change;
import dev.portway.allocator.model.ChangeType;
import dev.portway.allocator.model.Snapshot;
import dev.portway.allocator.watch.WatchStart;
import dev.portway.api.v1.AddressEvent;
import io.grpc.Metadata;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchStreamTest {

    private final FakeServerStream<AddressEvent> out = new FakeServerStream<>();
    private final List<WatchStream> ended = new ArrayList<>();

    private WatchStream stream(String account, int capacity) {
        // A direct executor keeps the test deterministic; production uses a dispatcher pool.
        WatchStream stream = new WatchStream(out, account, capacity, Runnable::run, ended::add);
        stream.attach();
        return stream;
    }

    private static Change reserved(long revision, String account) {
        return new Change(revision, ChangeType.RESERVED, new AddressRecord("ad_" + revision, "a.example",
                20000 + (int) revision, account, "", Map.of(), Instant.EPOCH, AddressKind.RESERVED, null, revision));
    }

    @Test
    void shouldSendOnlyWhileTheClientIsReady() {
        // Given a client that is not reading
        WatchStream stream = stream(null, 10);
        stream.begin(WatchStart.snapshot(new Snapshot(4, List.of())));
        stream.offer(reserved(5, "alice"));

        // Then nothing was pushed into gRPC's buffers
        assertTrue(out.sent.isEmpty());

        // When it becomes ready
        out.becomeReady();

        // Then the snapshot comes first, then the change
        assertEquals(2, out.sent.size());
        assertEquals(4, out.sent.get(0).getRevision());
        assertTrue(out.sent.get(0).hasSnapshot());
        assertEquals("ad_5", out.sent.get(1).getReserved().getId());
        assertEquals(5, stream.lastSentRevision());
    }

    @Test
    void shouldEndASlowWatcherWithTheRevisionToResumeFromWhenItsBufferOverflows() {
        // Given a watcher that read up to revision 5, then stopped reading
        WatchStream stream = stream(null, 3);
        stream.begin(WatchStart.replay(List.of(reserved(5, "alice"))));
        out.becomeReady();
        out.ready = false;

        // When more changes come than its buffer holds
        for (long revision = 6; revision <= 10; revision++) {
            stream.offer(reserved(revision, "alice"));
        }
        out.becomeReady();

        // Then its stream ends with ABORTED naming revision 5, nothing more is queued, and it is unregistered
        assertEquals(1, out.sent.size());
        Status status = out.status();
        assertEquals(Status.Code.ABORTED, status.getCode());
        assertTrue(status.getDescription().contains("resume_from_revision=5"), status.getDescription());
        Metadata trailers = Status.trailersFromThrowable(out.error);
        assertEquals("5", trailers.get(WatchStream.RESUME_FROM));
        assertEquals(List.of(stream), ended);
        stream.offer(reserved(11, "alice"));
        assertEquals(1, out.sent.size());
    }

    @Test
    void shouldShowUserWatchersOnlyTheirOwnAccount() {
        // Given
        WatchStream stream = stream("alice", 10);
        AddressRecord alices = reserved(1, "alice").address();
        AddressRecord bobs = reserved(2, "bob").address();
        out.becomeReady();

        // When
        stream.begin(WatchStart.snapshot(new Snapshot(2, List.of(alices, bobs))));
        stream.offer(reserved(3, "bob"));
        stream.offer(reserved(4, "alice"));

        // Then
        assertEquals(List.of("ad_1"), out.sent.get(0).getSnapshot().getAddressesList().stream()
                .map(a -> a.getId()).toList());
        assertEquals(List.of(4L), out.sent.stream().skip(1).map(AddressEvent::getRevision).toList());
    }

    @Test
    void shouldStopAndUnregisterWhenTheClientCancels() {
        // Given
        WatchStream stream = stream(null, 10);
        stream.begin(WatchStart.snapshot(new Snapshot(0, List.of())));

        // When
        out.cancel();
        out.becomeReady();
        stream.offer(reserved(1, "alice"));

        // Then
        assertTrue(out.sent.isEmpty());
        assertTrue(stream.isEnded());
        assertEquals(List.of(stream), ended);
        assertNull(out.error);
    }

    @Test
    void shouldTellWatchersToReconnectOnShutdown() {
        // Given
        WatchStream stream = stream(null, 10);
        out.becomeReady();
        stream.begin(WatchStart.snapshot(new Snapshot(7, List.of())));

        // When
        stream.shutdown();

        // Then
        assertEquals(Status.Code.UNAVAILABLE, out.status().getCode());
        assertTrue(out.status().getDescription().contains("resume_from_revision=7"));
    }
}
