package dev.portway.policyengine.model;

import java.util.List;

/** Every cloud endpoint as of one revision. */
public record Snapshot(long revision, List<CloudEndpointRecord> endpoints) {

    public Snapshot {
        endpoints = List.copyOf(endpoints);
    }
}
