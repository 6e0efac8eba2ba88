package dev.portway.edge;

import dev.portway.api.v1.CloudEndpointEvent;
import dev.portway.api.v1.PolicyServiceGrpc;
import dev.portway.api.v1.WatchCloudEndpointsRequest;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * Watches every account's cloud endpoints on the policy-engine ({@code PolicyService.WatchCloudEndpoints}, with
 * the service token). Every stream, reconnects included, asks for a snapshot: the snapshot is what tells the edge
 * it is in sync again, and until it is, the edge fails closed. Cloud endpoints are few and their policies are
 * compiled once per distinct text, so a snapshot per reconnect costs little.
 */
final class PolicyEngineWatch extends ReconnectingWatch<WatchCloudEndpointsRequest, CloudEndpointEvent> {

    private static final Logger LOG = Logger.getLogger(PolicyEngineWatch.class);

    private final PolicyServiceGrpc.PolicyServiceStub stub;
    private final ControlPlaneEvents events;
    private boolean snapshotSeen;

    PolicyEngineWatch(String name, PolicyServiceGrpc.PolicyServiceStub stub, ControlPlaneEvents events,
                      WatchReadiness readiness, ScheduledExecutorService control, Backoff backoff) {
        super(name, readiness, control, backoff);
        this.stub = stub;
        this.events = events;
    }

    @Override
    protected void startCall(StreamObserver<CloudEndpointEvent> observer) {
        snapshotSeen = false;
        stub.watchCloudEndpoints(WatchCloudEndpointsRequest.getDefaultInstance(), observer); // resume 0: a snapshot
    }

    @Override
    protected void onEvent(CloudEndpointEvent event) {
        switch (event.getEventCase()) {
            case SNAPSHOT -> {
                snapshotSeen = true;
                events.cloudEndpointsSnapshot(event.getSnapshot().getCloudEndpointsList());
                readiness.synced(name);
                LOG.infof("policy-engine snapshot at revision %d: %d cloud endpoint(s)", event.getRevision(),
                        event.getSnapshot().getCloudEndpointsCount());
            }
            case CREATED -> {
                if (snapshotSeen) {
                    events.cloudEndpointChanged(event.getCreated());
                }
            }
            case UPDATED -> {
                if (snapshotSeen) {
                    events.cloudEndpointChanged(event.getUpdated());
                }
            }
            case DELETED -> {
                if (snapshotSeen) {
                    events.cloudEndpointDeleted(event.getDeleted());
                }
            }
            default -> LOG.debugf("ignoring an unknown event from the policy-engine %s", name);
        }
    }

    @Override
    protected void onBroken() {
        events.cloudEndpointsLost();
    }
}
