package dev.portway.allocator.model;

import java.util.List;

/** Every held address as of one revision. */
public record Snapshot(long revision, List<AddressRecord> addresses) {

    public Snapshot {
        addresses = List.copyOf(addresses);
    }
}
