package dev.portway.edge;

import dev.portway.api.v1.AddressEvent;
import dev.portway.api.v1.AddressServiceGrpc;
import dev.portway.api.v1.WatchAddressesRequest;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Watches every address the allocator knows. A reconnect resumes from the revision just before the last
 * one seen: the allocator replays that one change again (harmless: applying a change twice changes nothing)
 * and every change since, or sends a fresh snapshot that replaces what the edge knew. Either way the new
 * stream delivers at least one event, which is how the edge knows it is in sync again (a resumed stream
 * with nothing to replay would say nothing at all).
 * While the allocator is unreachable the edge keeps serving what it knew: addresses rarely change,
 * and clients of online endpoints should not suffer from an allocator restart.
 */
final class AllocatorWatch extends ReconnectingWatch<WatchAddressesRequest, AddressEvent> {

    private final AddressServiceGrpc.AddressServiceStub stub;
    private final ControlPlaneEvents events;
    private long lastRevision;

    AllocatorWatch(String name, AddressServiceGrpc.AddressServiceStub stub, ControlPlaneEvents events,
                   WatchReadiness readiness, ScheduledExecutorService control, Backoff backoff) {
        super(name, readiness, control, backoff);
        this.stub = stub;
        this.events = events;
    }

    @Override
    protected void startCall(StreamObserver<AddressEvent> observer) {
        long resumeFrom = lastRevision > 1 ? lastRevision - 1 : 0; // 0: a snapshot
        stub.watch(WatchAddressesRequest.newBuilder().setResumeFromRevision(resumeFrom).build(), observer);
    }

    @Override
    protected void onEvent(AddressEvent event) {
        if (event.getRevision() > 0) {
            lastRevision = event.getRevision();
        }
        events.addressEvent(event);
        readiness.synced(name);
    }

    @Override
    protected void onBroken() {
        // Keep the addresses: see the class comment.
    }
}
