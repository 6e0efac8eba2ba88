package dev.portway.policyengine.grpc;

import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.CloudEndpointEvent;
import dev.portway.api.v1.CloudEndpointSnapshot;
import dev.portway.policyengine.model.Change;
import dev.portway.policyengine.model.CloudEndpointRecord;
import dev.portway.service.grpc.WatchEvents;

import java.util.List;
import java.util.function.Function;

/** What WatchCloudEndpoints sends: a snapshot of cloud endpoints, then each creation, update and deletion. */
final class CloudEndpointEvents implements WatchEvents<CloudEndpointRecord, Change, CloudEndpointEvent> {

    /** The proto of an endpoint as watchers see it (with its policy's warnings). */
    private final Function<CloudEndpointRecord, CloudEndpoint> toProto;

    CloudEndpointEvents(Function<CloudEndpointRecord, CloudEndpoint> toProto) {
        this.toProto = toProto;
    }

    @Override
    public CloudEndpointEvent snapshot(long revision, List<CloudEndpointRecord> endpoints) {
        return CloudEndpointEvent.newBuilder()
                .setRevision(revision)
                .setSnapshot(CloudEndpointSnapshot.newBuilder()
                        .addAllCloudEndpoints(endpoints.stream().map(toProto).toList()))
                .build();
    }

    @Override
    public CloudEndpointEvent change(Change change) {
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
