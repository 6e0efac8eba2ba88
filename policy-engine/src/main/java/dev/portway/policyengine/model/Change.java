package dev.portway.policyengine.model;

/** One durable change, numbered by a revision that only grows. The endpoint carries the same revision. */
public record Change(long revision, ChangeType type, CloudEndpointRecord endpoint) {
}
