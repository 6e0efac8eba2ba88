package dev.portway.edge;

import dev.portway.api.v1.EndpointDirectoryGrpc;
import dev.portway.api.v1.EndpointEvent;
import dev.portway.api.v1.EndpointSnapshot;
import dev.portway.api.v1.WatchEndpointsRequest;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * Watches the endpoints online on one bridge. Every stream starts with a snapshot carrying the
 * bridge's id; online/offline events follow. When the stream breaks, the bridge's
 * endpoints count as offline at once: its agents will reconnect to another bridge.
 */
final class BridgeWatch extends ReconnectingWatch<WatchEndpointsRequest, EndpointEvent> {

    private static final Logger LOG = Logger.getLogger(BridgeWatch.class);

    private final String source;
    private final EndpointDirectoryGrpc.EndpointDirectoryStub stub;
    private final ControlPlaneEvents events;
    private boolean snapshotSeen;

    /** @param source the configured target, which identifies this bridge until it tells its id */
    BridgeWatch(String name, String source, EndpointDirectoryGrpc.EndpointDirectoryStub stub,
                ControlPlaneEvents events, WatchReadiness readiness, ScheduledExecutorService control, Backoff backoff) {
        super(name, readiness, control, backoff);
        this.source = source;
        this.stub = stub;
        this.events = events;
    }

    @Override
    protected void startCall(StreamObserver<EndpointEvent> observer) {
        snapshotSeen = false;
        stub.watch(WatchEndpointsRequest.getDefaultInstance(), observer);
    }

    @Override
    protected void onEvent(EndpointEvent event) {
        switch (event.getEventCase()) {
            case SNAPSHOT -> {
                EndpointSnapshot snapshot = event.getSnapshot();
                snapshotSeen = true;
                events.bridgeSnapshot(source, snapshot.getBridgeId(), snapshot.getEndpointsList());
                readiness.synced(name);
                LOG.infof("bridge %s (%s) has %d endpoint(s) online", snapshot.getBridgeId(), source,
                        snapshot.getEndpointsCount());
            }
            case ONLINE -> {
                if (snapshotSeen) {
                    events.endpointOnline(source, event.getOnline());
                }
            }
            case OFFLINE -> {
                if (snapshotSeen) {
                    events.endpointOffline(source, event.getOffline());
                }
            }
            default -> LOG.debugf("ignoring an unknown event from bridge %s", source);
        }
    }

    @Override
    protected void onBroken() {
        events.bridgeLost(source);
    }
}
