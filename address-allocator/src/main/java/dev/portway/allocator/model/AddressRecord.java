package dev.portway.allocator.model;

import dev.portway.service.watch.AccountOwned;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One held address, independent of how it is stored or sent.
 *
 * @param leaseExpiresAt set for {@link AddressKind#EPHEMERAL} addresses only, else null
 * @param revision revision of the last change to this address (0 for a draft not yet stored)
 */
public record AddressRecord(
        String id,
        String host,
        int port,
        String account,
        String description,
        Map<String, String> metadata,
        Instant createdAt,
        AddressKind kind,
        Instant leaseExpiresAt,
        long revision) implements AccountOwned {

    public AddressRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(kind, "kind");
        description = description == null ? "" : description;
        // Sorted so that equal records serialize to equal bytes.
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metadata));
        if ((kind == AddressKind.EPHEMERAL) != (leaseExpiresAt != null)) {
            throw new IllegalArgumentException("an ephemeral address needs a lease, a reserved one has none");
        }
    }

    public HostPort hostPort() {
        return new HostPort(host, port);
    }

    public boolean isEphemeral() {
        return kind == AddressKind.EPHEMERAL;
    }

    public AddressRecord withRevision(long newRevision) {
        return new AddressRecord(id, host, port, account, description, metadata, createdAt, kind, leaseExpiresAt,
                newRevision);
    }

    public AddressRecord withLeaseExpiresAt(Instant newLease) {
        return new AddressRecord(id, host, port, account, description, metadata, createdAt, kind, newLease,
                revision);
    }
}
