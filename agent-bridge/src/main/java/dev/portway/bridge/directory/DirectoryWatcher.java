package dev.portway.bridge.directory;

import dev.portway.api.v1.EndpointEvent;
import dev.portway.bridge.endpoint.EndpointRegistry;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * One edge's watch. Events are queued and sent as gRPC flow control allows; a watcher that falls
 * more than {@link #MAX_QUEUED} events behind is ended (the edge reconnects and gets a fresh
 * snapshot) rather than letting the queue grow without bound.
 */
final class DirectoryWatcher implements Consumer<EndpointEvent> {

    static final int MAX_QUEUED = 10_000;

    private final ServerCallStreamObserver<EndpointEvent> call;
    private final EndpointRegistry registry;
    private final Queue<EndpointEvent> queue = new ArrayDeque<>();
    private boolean started;
    private boolean done;

    DirectoryWatcher(ServerCallStreamObserver<EndpointEvent> call, EndpointRegistry registry) {
        this.call = call;
        this.registry = registry;
        call.setOnCancelHandler(this::cancelled);
        call.setOnReadyHandler(this::drain);
    }

    /** Sends the snapshot first, then whatever changed since it was taken. */
    synchronized void start(EndpointEvent snapshot) {
        ((ArrayDeque<EndpointEvent>) queue).addFirst(snapshot);
        started = true;
        drain();
    }

    @Override
    public synchronized void accept(EndpointEvent event) {
        if (done) {
            return;
        }
        if (queue.size() >= MAX_QUEUED) {
            done = true;
            queue.clear();
            registry.unwatch(this);
            call.onError(Status.RESOURCE_EXHAUSTED
                    .withDescription("watcher fell too far behind; watch again for a fresh snapshot")
                    .asRuntimeException());
            return;
        }
        queue.add(event);
        drain();
    }

    private synchronized void drain() {
        while (started && !done && call.isReady() && !queue.isEmpty()) {
            call.onNext(queue.poll());
        }
    }

    private synchronized void cancelled() {
        done = true;
        queue.clear();
        registry.unwatch(this);
    }
}
