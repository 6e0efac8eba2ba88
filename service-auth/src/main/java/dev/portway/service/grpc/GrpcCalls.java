package dev.portway.service.grpc;

import dev.portway.auth.Caller;
import dev.portway.service.watch.AccountOwned;
import dev.portway.service.watch.RecordChange;
import dev.portway.service.watch.RecordSnapshot;
import dev.portway.service.watch.Watchable;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.concurrent.Callable;

/**
 * Runs a service's gRPC calls off the Vert.x event loop (see {@link ServiceExecutors} for why our own pools)
 * and completes them: a result, a refusal with its own status and message, UNAVAILABLE when overloaded,
 * INTERNAL (logged) for anything else.
 * <p>
 * Read the caller ({@link Caller#current()}) in the service method itself, before calling in here: the work
 * runs on another thread, where the gRPC context is gone.
 */
public final class GrpcCalls implements AutoCloseable {

    private final ServiceExecutors executors;
    private final GrpcErrors errors;
    private final String serviceName;

    /**
     * @param threadPrefix names the threads {@code <prefix>-call-N} (calls) and {@code <prefix>-watch-N} (Watch
     *                     events)
     * @param serviceName  the service as messages name it, e.g. "the allocator"
     */
    public GrpcCalls(String threadPrefix, String serviceName) {
        this.executors = new ServiceExecutors(threadPrefix);
        this.errors = new GrpcErrors(serviceName);
        this.serviceName = serviceName;
    }

    /** Runs the work off the event loop and completes the call with its result or its failure. */
    public <T> void unary(StreamObserver<T> out, Callable<T> work) {
        try {
            executors.calls().execute(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    safely(() -> out.onError(errors.toStatus(e)));
                    return;
                }
                safely(() -> {
                    out.onNext(result);
                    out.onCompleted();
                });
            });
        } catch (RuntimeException rejected) {
            out.onError(errors.toStatus(rejected));
        }
    }

    /**
     * Serves a Watch call: the service token sees every account's records, a user authtoken only its own
     * account's (the start and the changes are filtered; revisions keep their global numbering). Events are
     * sent only as fast as the client reads, and at most {@code bufferSize} live changes wait for one watcher.
     *
     * @param resumeFromRevision 0 for a snapshot, else the last revision the client saw
     */
    public <R extends AccountOwned, S extends RecordSnapshot<R>, C extends RecordChange<R>, E> void watch(
            StreamObserver<E> out, Caller caller, long resumeFromRevision, int bufferSize, Watchable<S, C> source,
            WatchEvents<R, C, E> events) {
        if (resumeFromRevision < 0) {
            out.onError(errors.toStatus(RefusedException.invalid("resume_from_revision " + resumeFromRevision
                    + " is negative; use 0 for a snapshot or the last revision you saw")));
            return;
        }
        WatchStream<R, S, C, E> stream = new WatchStream<>((ServerCallStreamObserver<E>) out,
                caller.service() ? null : caller.account(), bufferSize, executors.watchDispatch(), source::unwatch,
                events, serviceName);
        stream.attach();
        try {
            executors.calls().execute(() -> {
                try {
                    source.watch(stream, resumeFromRevision);
                    if (stream.isEnded()) {
                        // Cancelled while registering: its cancel handler may have run before it was added.
                        source.unwatch(stream);
                    }
                } catch (RuntimeException e) {
                    source.unwatch(stream);
                    out.onError(errors.toStatus(e));
                }
            });
        } catch (RuntimeException rejected) {
            out.onError(errors.toStatus(rejected));
        }
    }

    /** Stops taking work; what is queued still runs. */
    @Override
    public void close() {
        executors.close();
    }

    /** The client may have cancelled meanwhile; gRPC then refuses further messages, which is fine. */
    private static void safely(Runnable send) {
        try {
            send.run();
        } catch (RuntimeException cancelled) {
            // nothing to tell a client that is gone
        }
    }
}
