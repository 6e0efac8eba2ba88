package dev.portway.edge;

import dev.portway.api.v1.AddressEvent;
import dev.portway.api.v1.AddressServiceGrpc;
import dev.portway.api.v1.WatchAddressesRequest;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Watches every address the allocator knows. A reconnect resumes from the last revision seen; the
 * allocator answers with the changes since, or with a fresh snapshot that replaces what the edge knew.
 * While the allocator is unreachable the edge keeps serving what it knew: addresses rarely change,
 * and clients of online endpoints should not suffer from an allocator restart.
 */
final class AllocatorWatch extends ReconnectingWatch<WatchAddressesRequest, AddressEvent> {

    private final AddressServiceGrpc.AddressServiceStub stub;
    private final ControlPlaneEvents events;
    private final WatchReadiness readiness;
    private long lastRevision;

    AllocatorWatch(String name, AddressServiceGrpc.AddressServiceStub stub, ControlPlaneEvents events,
                   WatchReadiness readiness, ScheduledExecutorService control, Backoff backoff) {
        super(name, control, backoff);
        this.stub = stub;
        this.events = events;
        this.readiness = readiness;
    }

    @Override
    protected void startCall(StreamObserver<AddressEvent> observer) {
        stub.watch(WatchAddressesRequest.newBuilder().setResumeFromRevision(lastRevision).build(), observer);
    }

    @Override
    protected void onEvent(AddressEvent event) {
        if (event.getRevision() > 0) {
            lastRevision = event.getRevision();
        }
        if (event.hasSnapshot()) {
            readiness.snapshotReceived(name);
        }
        events.addressEvent(event);
    }

    @Override
    protected void onBroken() {
        // Keep the addresses: see the class comment.
    }
}
