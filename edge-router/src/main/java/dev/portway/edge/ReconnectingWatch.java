package dev.portway.edge;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A server-streaming watch that reconnects by itself, with {@link Backoff}, whenever its stream ends. A stream
 * that ends marks the watch out of sync in {@link WatchReadiness} at once; the subclass marks it in sync again
 * when the new stream delivered what it starts with.
 *
 * <p>Every callback of the subclass ({@link #onEvent}, {@link #onBroken}, {@link #startCall}) runs
 * on the control thread, in stream order; events of a stream that was already replaced are dropped.
 *
 * @param <Q> request type
 * @param <E> event type
 */
abstract class ReconnectingWatch<Q, E> {

    private static final Logger LOG = Logger.getLogger(ReconnectingWatch.class);

    protected final String name;
    protected final WatchReadiness readiness;
    private final ScheduledExecutorService control;
    private final Backoff backoff;
    private Attempt current;
    private int failures;
    private boolean stopped;

    ReconnectingWatch(String name, WatchReadiness readiness, ScheduledExecutorService control, Backoff backoff) {
        this.name = name;
        this.readiness = readiness;
        this.control = control;
        this.backoff = backoff;
    }

    final void start() {
        control.execute(this::open);
    }

    /** Cancels the stream; no reconnect follows. */
    final void stop() {
        control.execute(() -> {
            stopped = true;
            if (current != null && current.call != null) {
                current.call.cancel("edge stopping", null);
            }
            current = null;
        });
    }

    /** Starts one call, delivering to {@code observer}. */
    protected abstract void startCall(StreamObserver<E> observer);

    protected abstract void onEvent(E event);

    /** The stream ended (error or completion); a new one will be opened after a backoff. */
    protected abstract void onBroken();

    private void open() {
        if (stopped) {
            return;
        }
        Attempt attempt = new Attempt();
        current = attempt;
        try {
            startCall(attempt);
        } catch (RuntimeException e) {
            attempt.onError(e);
        }
    }

    private void ended(Attempt attempt, Status status) {
        if (stopped || current != attempt) {
            return;
        }
        current = null;
        onBroken();
        readiness.lost(name);
        long delay = backoff.delayMillis(failures);
        String why = status == null ? "stream completed by the server" : describe(status);
        if (failures == 0) {
            LOG.warnf("watch on %s ended (%s); reconnecting in %d ms, then with backoff", name, why, delay);
        } else {
            LOG.debugf("watch on %s failed again, attempt %d (%s); retrying in %d ms", name, failures, why, delay);
        }
        failures++;
        control.schedule(this::open, delay, TimeUnit.MILLISECONDS);
    }

    /** Runs on the control thread; dropped once the edge shut that thread down. */
    private void post(Runnable task) {
        try {
            control.execute(task);
        } catch (RejectedExecutionException stopping) {
            // the edge is stopping: nothing left to update
        }
    }

    private static String describe(Status status) {
        String text = status.getDescription() == null ? status.getCode().toString()
                : status.getCode() + ": " + status.getDescription();
        Throwable cause = status.getCause();
        return cause == null || cause.getMessage() == null ? text : text + " - " + cause.getMessage();
    }

    /** One call: gRPC invokes these on its own threads; each hops onto the control thread. */
    private final class Attempt implements ClientResponseObserver<Q, E> {
        private ClientCallStreamObserver<Q> call;

        @Override
        public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
            this.call = requestStream;
        }

        @Override
        public void onNext(E event) {
            post(() -> {
                if (!stopped && current == this) {
                    failures = 0;
                    onEvent(event);
                }
            });
        }

        @Override
        public void onError(Throwable t) {
            post(() -> ended(this, Status.fromThrowable(t)));
        }

        @Override
        public void onCompleted() {
            post(() -> ended(this, null));
        }
    }
}
