package dev.portway.policyengine.model;

import dev.portway.service.watch.RecordChange;

/** One durable change, numbered by a revision that only grows. The endpoint carries the same revision. */
public record Change(long revision, ChangeType type, CloudEndpointRecord endpoint)
        implements RecordChange<CloudEndpointRecord> {

    @Override
    public CloudEndpointRecord record() {
        return endpoint;
    }
}
