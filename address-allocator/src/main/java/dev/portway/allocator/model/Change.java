package dev.portway.allocator.model;

/** One durable change, numbered by a revision that only grows. The address carries the same revision. */
public record Change(long revision, ChangeType type, AddressRecord address) {
}
