package dev.portway.allocator.model;

import dev.portway.service.watch.RecordChange;

/** One durable change, numbered by a revision that only grows. The address carries the same revision. */
public record Change(long revision, ChangeType type, AddressRecord address) implements RecordChange<AddressRecord> {

    @Override
    public AddressRecord record() {
        return address;
    }
}
