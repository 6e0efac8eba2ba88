package dev.portway.service.grpc;

import dev.portway.service.watch.AccountOwned;
import dev.portway.service.watch.ChangeHub;
import dev.portway.service.watch.RecordChange;
import dev.portway.service.watch.RecordSnapshot;
import dev.portway.service.watch.WatchStart;
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
 * concurrently and the lock that orders the service's changes is never held while sending.
 *
 * @param <R> the record type
 * @param <S> the snapshot type
 * @param <C> the change type
 * @param <E> the proto event type
 */
final class WatchStream<R extends AccountOwned, S extends RecordSnapshot<R>, C extends RecordChange<R>, E>
        implements ChangeHub.Subscriber<S, C> {

    static final Metadata.Key<String> RESUME_FROM =
            Metadata.Key.of("portway-resume-from-revision", Metadata.ASCII_STRING_MARSHALLER);

    private enum End { OVERFLOW, SHUTDOWN }

    /** An event to send and the revision it brings the watcher to. */
    private record Outgoing<E>(E event, long revision) {
    }

    private final ServerCallStreamObserver<E> out;
    /** Only this account's records are sent; null sends every account's. */
    private final String account;
    private final int capacity;
    private final Executor dispatcher;
    private final Consumer<ChangeHub.Subscriber<S, C>> onEnd;
    private final WatchEvents<R, C, E> events;
    /** The service as messages name it, e.g. "the allocator". */
    private final String serviceName;

    private final Object lock = new Object();
    private final ArrayDeque<C> live = new ArrayDeque<>();
    private Outgoing<E> initialSnapshot;
    private List<C> initialReplay = List.of();
    private int replayIndex;
    private boolean scheduled;
    private boolean ended;
    private End endRequested;
    /** Written by the single running drain only. */
    private volatile long lastSentRevision;

    WatchStream(ServerCallStreamObserver<E> out, String account, int capacity, Executor dispatcher,
            Consumer<ChangeHub.Subscriber<S, C>> onEnd, WatchEvents<R, C, E> events, String serviceName) {
        this.out = out;
        this.account = account;
        this.capacity = capacity;
        this.dispatcher = dispatcher;
        this.onEnd = onEnd;
        this.events = events;
        this.serviceName = serviceName;
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
    public void begin(WatchStart<S, C> start) {
        synchronized (lock) {
            if (start.isSnapshot()) {
                S snapshot = start.snapshot();
                List<R> visible = snapshot.records().stream().filter(this::visible).toList();
                initialSnapshot = new Outgoing<>(events.snapshot(snapshot.revision(), visible), snapshot.revision());
            } else {
                initialReplay = start.replay();
            }
        }
        schedule();
    }

    @Override
    public void offer(C change) {
        if (!visible(change.record())) {
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

    private boolean visible(R record) {
        return account == null || account.equals(record.account());
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
            Outgoing<E> next;
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
                out.onNext(next.event());
                lastSentRevision = next.revision();
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
    private Outgoing<E> pollNext() {
        if (initialSnapshot != null) {
            Outgoing<E> snapshot = initialSnapshot;
            initialSnapshot = null;
            return snapshot;
        }
        while (replayIndex < initialReplay.size()) {
            C change = initialReplay.get(replayIndex++);
            if (visible(change.record())) {
                return toEvent(change);
            }
        }
        initialReplay = List.of();
        C change = live.poll();
        return change == null ? null : toEvent(change);
    }

    private Outgoing<E> toEvent(C change) {
        return new Outgoing<>(events.change(change), change.revision());
    }

    private void finish(End end) {
        onEnd.accept(this);
        long resumeFrom = lastSentRevision;
        Status status = end == End.OVERFLOW
                ? Status.ABORTED.withDescription("this watcher fell more than " + capacity
                        + " changes behind; reconnect with resume_from_revision=" + resumeFrom)
                : Status.UNAVAILABLE.withDescription(serviceName + " is shutting down; reconnect with"
                        + " resume_from_revision=" + resumeFrom);
        Metadata trailers = new Metadata();
        trailers.put(RESUME_FROM, Long.toString(resumeFrom));
        try {
            out.onError(status.asRuntimeException(trailers));
        } catch (RuntimeException alreadyClosed) {
            // The client went away meanwhile; nothing left to tell it.
        }
    }
}
