package dev.portway.allocator.model;

import dev.portway.service.watch.RecordSnapshot;

import java.util.List;

/** Every held address as of one revision. */
public record Snapshot(long revision, List<AddressRecord> addresses) implements RecordSnapshot<AddressRecord> {

    public Snapshot {
        addresses = List.copyOf(addresses);
    }

    @Override
    public List<AddressRecord> records() {
        return addresses;
    }
}
