package dev.portway.policyengine.grpc;


import dev.portway.policyengine.model.CloudEndpointRecord;
import dev.portway.policyengine.model.Change;
import dev.portway.policyengine.watch.ChangeHub;
import dev.portway.policyengine.watch.WatchStart;
import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.CloudEndpointEvent;
import dev.portway.api.v1.CloudEndpointSnapshot;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One Watch call: sends its start (snapshot or replay), then live changes, only as fast as gRPC flow
 * control says the client reads ({@code isReady}/{@code onReadyHandler}).
 * <p>
 * Live changes wait in a bounded queue. When a client is so slow that the queue would overflow, the
 * queue is dropped and the stream ends with ABORTED, telling the client the revision to resume from
 * (also in the {@code portway-resume-from-revision} trailer). Memory per watcher is therefore bounded.
 * <p>
 * Sending happens on the dispatcher, one drain at a time per stream, so gRPC's observer is never used
 * concurrently and the engine's lock is never held while sending.
 */
final class WatchStream implements ChangeHub.Subscriber {

    static final Metadata.Key<String> RESUME_FROM =
            Metadata.Key.of("portway-resume-from-revision", Metadata.ASCII_STRING_MARSHALLER);

    private enum End { OVERFLOW, SHUTDOWN }

    private final ServerCallStreamObserver<CloudEndpointEvent> out;
    /** Only this account's cloud endpoints are sent; null sends every account's. */
    private final String account;
    private final int capacity;
    private final Executor dispatcher;
    private final Consumer<WatchStream> onEnd;
    /** The proto of an endpoint as watchers see it (with its policy's warnings). */
    private final Function<CloudEndpointRecord, CloudEndpoint> toProto;

    private final Object lock = new Object();
    private final ArrayDeque<Change> live = new ArrayDeque<>();
    private CloudEndpointEvent initialSnapshot;
    private List<Change> initialReplay = List.of();
    private int replayIndex;
    private boolean scheduled;
    private boolean ended;
    private End endRequested;
    /** Written by the single running drain only. */
    private volatile long lastSentRevision;

    WatchStream(ServerCallStreamObserver<CloudEndpointEvent> out, String account, int capacity, Executor dispatcher,
            Consumer<WatchStream> onEnd, Function<CloudEndpointRecord, CloudEndpoint> toProto) {
        this.toProto = toProto;
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
                List<CloudEndpointRecord> visible = start.snapshot().endpoints().stream().filter(this::visible).toList();
                initialSnapshot = CloudEndpointEvent.newBuilder()
                        .setRevision(start.snapshot().revision())
                        .setSnapshot(CloudEndpointSnapshot.newBuilder()
                                .addAllCloudEndpoints(visible.stream().map(toProto).toList()))
                        .build();
            } else {
                initialReplay = start.replay();
            }
        }
        schedule();
    }

    @Override
    public void offer(Change change) {
        if (!visible(change.endpoint())) {
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

    private boolean visible(CloudEndpointRecord endpoint) {
        return account == null || account.equals(endpoint.account());
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
            CloudEndpointEvent next;
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
    private CloudEndpointEvent pollNext() {
        if (initialSnapshot != null) {
            CloudEndpointEvent snapshot = initialSnapshot;
            initialSnapshot = null;
            return snapshot;
        }
        while (replayIndex < initialReplay.size()) {
            Change change = initialReplay.get(replayIndex++);
            if (visible(change.endpoint())) {
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
                : Status.UNAVAILABLE.withDescription("the policy engine is shutting down; reconnect with"
                        + " resume_from_revision=" + resumeFrom);
        Metadata trailers = new Metadata();
        trailers.put(RESUME_FROM, Long.toString(resumeFrom));
        try {
            out.onError(status.asRuntimeException(trailers));
        } catch (RuntimeException alreadyClosed) {
            // The client went away meanwhile; nothing left to tell it.
        }
    }

    private CloudEndpointEvent toEvent(Change change) {
        CloudEndpointEvent.Builder event = CloudEndpointEvent.newBuilder().setRevision(change.revision());
        CloudEndpoint endpoint = toProto.apply(change.endpoint());
        switch (change.type()) {
            case CREATED -> event.setCreated(endpoint);
            case UPDATED -> event.setUpdated(endpoint);
            case DELETED -> event.setDeleted(endpoint);
        }
        return event.build();
    }
}
