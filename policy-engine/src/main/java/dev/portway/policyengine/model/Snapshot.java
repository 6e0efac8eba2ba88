package dev.portway.policyengine.model;

import dev.portway.service.watch.RecordSnapshot;

import java.util.List;

/** Every cloud endpoint as of one revision. */
public record Snapshot(long revision, List<CloudEndpointRecord> endpoints)
        implements RecordSnapshot<CloudEndpointRecord> {

    public Snapshot {
        endpoints = List.copyOf(endpoints);
    }

    @Override
    public List<CloudEndpointRecord> records() {
        return endpoints;
    }
}
