package dev.portway.policyengine.model;

import dev.portway.service.watch.AccountOwned;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stored cloud endpoint.
 *
 * @param url      {@code tcp://host:port} (host in lower case)
 * @param revision revision of the last change to it
 */
public record CloudEndpointRecord(String id, String account, String url, String trafficPolicy, String description,
        Map<String, String> metadata, boolean poolingEnabled, Instant createdAt, Instant updatedAt, long revision)
        implements AccountOwned {

    public CloudEndpointRecord {
        metadata = java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    public CloudEndpointRecord withRevision(long newRevision) {
        return new CloudEndpointRecord(id, account, url, trafficPolicy, description, metadata, poolingEnabled,
                createdAt, updatedAt, newRevision);
    }
}
