package dev.portway.allocator.grpc;

import dev.portway.allocator.codec.AddressProtoCodec;
import dev.portway.allocator.model.AddressRecord;
import dev.portway.allocator.model.Change;
import dev.portway.allocator.model.ChangeType;
import dev.portway.allocator.watch.ChangeHub;
import dev.portway.allocator.watch.WatchStart;
import dev.portway.api.v1.AddressEvent;
import dev.portway.api.v1.AddressSnapshot;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One Watch call: sends its start (snapshot or replay), then live changes, only as fast as gRPC flow
 * control says the client reads ({@code isReady}/{@code onReadyHandler}).
 * <p>
 * Live changes wait in a bounded queue. When a client is so slow that the queue would overflow, the
 * queue is dropped and the stream ends with ABORTED, telling the client the revision to resume from
 * (also in the {@code portway-resume-from-revision} trailer). Memory per watcher is therefore bounded.
 * <p>
 * Sending happens on the dispatcher, one drain at a time per stream, so gRPC's observer is never used
 * concurrently and the allocator's lock is never held while sending.
 */
final class WatchStream implements ChangeHub.Subscriber {

    static final Metadata.Key<String> RESUME_FROM =
            Metadata.Key.of("portway-resume-from-revision", Metadata.ASCII_STRING_MARSHALLER);

    private enum End { OVERFLOW, SHUTDOWN }

    private final ServerCallStreamObserver<AddressEvent> out;
    /** Only this account's addresses are sent; null sends every account's. */
    private final String account;
    private final int capacity;
    private final Executor dispatcher;
    private final Consumer<WatchStream> onEnd;

    private final Object lock = new Object();
    private final ArrayDeque<Change> live = new ArrayDeque<>();
    private AddressEvent initialSnapshot;
    private List<Change> initialReplay = List.of();
    private int replayIndex;
    private boolean scheduled;
    private boolean ended;
    private End endRequested;
    /** Written by the single running drain only. */
    private volatile long lastSentRevision;

    WatchStream(ServerCallStreamObserver<AddressEvent> out, String account, int capacity, Executor dispatcher,
            Consumer<WatchStream> onEnd) {
        this.out = out;
        this.account = account;
        this.capacity = capacity;
        this.dispatcher = dispatcher;
        this.onEnd = onEnd;
    }

    /** Must be called from the service method itself: gRPC only accepts handlers during the initial call. */
    void attach() {
        out.setOnReadyHandler(this::schedule);
        out.setOnCancelHandler(() -> {
            synchronized (lock) {
                ended = true;
                live.clear();
                initialSnapshot = null;
                initialReplay = List.of();
            }
            onEnd.accept(this);
        });
    }

    boolean isEnded() {
        synchronized (lock) {
            return ended;
        }
    }

    long lastSentRevision() {
        return lastSentRevision;
    }

    @Override
    public void begin(WatchStart start) {
        synchronized (lock) {
            if (start.isSnapshot()) {
                List<AddressRecord> visible = start.snapshot().addresses().stream().filter(this::visible).toList();
                initialSnapshot = AddressEvent.newBuilder()
                        .setRevision(start.snapshot().revision())
                        .setSnapshot(AddressSnapshot.newBuilder()
                                .addAllAddresses(visible.stream().map(AddressProtoCodec::toProto).toList()))
                        .build();
            } else {
                initialReplay = start.replay();
            }
        }
        schedule();
    }

    @Override
    public void offer(Change change) {
        if (!visible(change.address())) {
            return;
        }
        synchronized (lock) {
            if (ended || endRequested != null) {
                return;
            }
            if (live.size() >= capacity) {
                endRequested = End.OVERFLOW;
                live.clear();
            } else {
                live.add(change);
            }
        }
        schedule();
    }

    @Override
    public void shutdown() {
        synchronized (lock) {
            if (ended || endRequested != null) {
                return;
            }
            endRequested = End.SHUTDOWN;
        }
        schedule();
    }

    private boolean visible(AddressRecord address) {
        return account == null || account.equals(address.account());
    }

    private void schedule() {
        synchronized (lock) {
            if (scheduled || ended) {
                return;
            }
            scheduled = true;
        }
        try {
            dispatcher.execute(this::drain);
        } catch (RuntimeException rejected) {
            // Dispatcher shut down: the server is stopping and will cancel the call.
            synchronized (lock) {
                scheduled = false;
            }
        }
    }

    private void drain() {
        while (true) {
            AddressEvent next;
            End end = null;
            synchronized (lock) {
                if (ended) {
                    scheduled = false;
                    return;
                }
                if (endRequested != null) {
                    end = endRequested;
                    ended = true;
                    scheduled = false;
                    next = null;
                } else if (!out.isReady()) {
                    // The onReady handler schedules us again once the client has read enough.
                    scheduled = false;
                    return;
                } else {
                    next = pollNext();
                    if (next == null) {
                        scheduled = false;
                        return;
                    }
                }
            }
            if (end != null) {
                finish(end);
                return;
            }
            try {
                out.onNext(next);
                lastSentRevision = next.getRevision();
            } catch (RuntimeException cancelled) {
                synchronized (lock) {
                    ended = true;
                    scheduled = false;
                }
                onEnd.accept(this);
                return;
            }
        }
    }

    /** The next event to send, in order: snapshot, replayed changes, live changes. Called under the lock. */
    private AddressEvent pollNext() {
        if (initialSnapshot != null) {
            AddressEvent snapshot = initialSnapshot;
            initialSnapshot = null;
            return snapshot;
        }
        while (replayIndex < initialReplay.size()) {
            Change change = initialReplay.get(replayIndex++);
            if (visible(change.address())) {
                return toEvent(change);
            }
        }
        initialReplay = List.of();
        Change change = live.poll();
        return change == null ? null : toEvent(change);
    }

    private void finish(End end) {
        onEnd.accept(this);
        long resumeFrom = lastSentRevision;
        Status status = end == End.OVERFLOW
                ? Status.ABORTED.withDescription("this watcher fell more than " + capacity
                        + " changes behind; reconnect with resume_from_revision=" + resumeFrom)
                : Status.UNAVAILABLE.withDescription("the allocator is shutting down; reconnect with"
                        + " resume_from_revision=" + resumeFrom);
        Metadata trailers = new Metadata();
        trailers.put(RESUME_FROM, Long.toString(resumeFrom));
        try {
            out.onError(status.asRuntimeException(trailers));
        } catch (RuntimeException alreadyClosed) {
            // The client went away meanwhile; nothing left to tell it.
        }
    }

    private static AddressEvent toEvent(Change change) {
        AddressEvent.Builder event = AddressEvent.newBuilder().setRevision(change.revision());
        if (change.type() == ChangeType.RESERVED) {
            event.setReserved(AddressProtoCodec.toProto(change.address()));
        } else {
            event.setReleased(AddressProtoCodec.toProto(change.address()));
        }
        return event.build();
    }
}
