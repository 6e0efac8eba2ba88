package dev.portway.service.grpc;

import dev.portway.service.grpc.Items.Event;
import dev.portway.service.grpc.Items.Item;
import dev.portway.service.grpc.Items.ItemChange;
import dev.portway.service.grpc.Items.ItemSnapshot;
import dev.portway.service.watch.ChangeHub;
import dev.portway.service.watch.WatchStart;
import io.grpc.Metadata;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.portway.service.grpc.Items.changed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchStreamTest {

    private final FakeServerStream<Event> out = new FakeServerStream<>();
    private final List<ChangeHub.Subscriber<ItemSnapshot, ItemChange>> ended = new ArrayList<>();

    private WatchStream<Item, ItemSnapshot, ItemChange, Event> stream(String account, int capacity) {
        // A direct executor keeps the test deterministic; production uses a dispatcher pool.
        WatchStream<Item, ItemSnapshot, ItemChange, Event> stream = new WatchStream<>(out, account, capacity,
                Runnable::run, ended::add, Items.EVENTS, "the test service");
        stream.attach();
        return stream;
    }

    @Test
    void shouldSendOnlyWhileTheClientIsReady() {
        // Given a client that is not reading
        WatchStream<Item, ItemSnapshot, ItemChange, Event> stream = stream(null, 10);
        stream.begin(WatchStart.snapshot(new ItemSnapshot(4, List.of())));
        stream.offer(changed(5, "alice"));

        // Then nothing was pushed into gRPC's buffers
        assertTrue(out.sent.isEmpty());

        // When it becomes ready
        out.becomeReady();

        // Then the snapshot comes first, then the change
        assertEquals(2, out.sent.size());
        assertEquals(4, out.sent.get(0).revision());
        assertTrue(out.sent.get(0).snapshot());
        assertEquals(List.of("it_5"), out.sent.get(1).ids());
        assertEquals(5, stream.lastSentRevision());
    }

    @Test
    void shouldEndASlowWatcherWithTheRevisionToResumeFromWhenItsBufferOverflows() {
        // Given a watcher that read up to revision 5, then stopped reading
        WatchStream<Item, ItemSnapshot, ItemChange, Event> stream = stream(null, 3);
        stream.begin(WatchStart.replay(List.of(changed(5, "alice"))));
        out.becomeReady();
        out.ready = false;

        // When more changes come than its buffer holds
        for (long revision = 6; revision <= 10; revision++) {
            stream.offer(changed(revision, "alice"));
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
        stream.offer(changed(11, "alice"));
        assertEquals(1, out.sent.size());
    }

    @Test
    void shouldShowUserWatchersOnlyTheirOwnAccount() {
        // Given
        WatchStream<Item, ItemSnapshot, ItemChange, Event> stream = stream("alice", 10);
        Item alices = changed(1, "alice").record();
        Item bobs = changed(2, "bob").record();
        out.becomeReady();

        // When
        stream.begin(WatchStart.snapshot(new ItemSnapshot(2, List.of(alices, bobs))));
        stream.offer(changed(3, "bob"));
        stream.offer(changed(4, "alice"));

        // Then
        assertEquals(List.of("it_1"), out.sent.get(0).ids());
        assertEquals(List.of(4L), out.sent.stream().skip(1).map(Event::revision).toList());
    }

    @Test
    void shouldReplayOnlyTheChangesOfTheWatchersAccount() {
        // Given a user watcher resuming after revision 1
        WatchStream<Item, ItemSnapshot, ItemChange, Event> stream = stream("alice", 10);
        out.becomeReady();

        // When the replay holds changes of two accounts
        stream.begin(WatchStart.replay(List.of(changed(2, "bob"), changed(3, "alice"))));

        // Then only its own account's change is sent, and it resumes from there
        assertEquals(List.of(3L), out.sent.stream().map(Event::revision).toList());
        assertEquals(3, stream.lastSentRevision());
    }

    @Test
    void shouldStopAndUnregisterWhenTheClientCancels() {
        // Given
        WatchStream<Item, ItemSnapshot, ItemChange, Event> stream = stream(null, 10);
        stream.begin(WatchStart.snapshot(new ItemSnapshot(0, List.of())));

        // When
        out.cancel();
        out.becomeReady();
        stream.offer(changed(1, "alice"));

        // Then
        assertTrue(out.sent.isEmpty());
        assertTrue(stream.isEnded());
        assertEquals(List.of(stream), ended);
        assertNull(out.error);
    }

    @Test
    void shouldTellWatchersToReconnectOnShutdown() {
        // Given
        WatchStream<Item, ItemSnapshot, ItemChange, Event> stream = stream(null, 10);
        out.becomeReady();
        stream.begin(WatchStart.snapshot(new ItemSnapshot(7, List.of())));

        // When
        stream.shutdown();

        // Then
        assertEquals(Status.Code.UNAVAILABLE, out.status().getCode());
        assertTrue(out.status().getDescription().contains("resume_from_revision=7"));
        assertTrue(out.status().getDescription().startsWith("the test service is shutting down"),
                out.status().getDescription());
    }
}
