package dev.portway.allocator.store;

import dev.portway.allocator.model.AddressRecord;
import dev.portway.allocator.model.Change;
import dev.portway.allocator.model.HostPort;
import dev.portway.allocator.model.Snapshot;
import dev.portway.service.watch.ChangeHistory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Durable home of every held address and of the recent change log.
 * <p>
 * Every mutating call is durable when it returns: callers acknowledge a reservation only afterwards.
 * Each reservation and release is numbered by a revision that only grows, also across restarts.
 * Calls block (disk I/O); never call them on an event loop. Implementations are thread-safe. What a new
 * watcher starts from (a snapshot, or the changes it missed) comes from {@link ChangeHistory}.
 */
public interface AddressStore extends ChangeHistory<Snapshot, Change>, AutoCloseable {

    /**
     * Stores a new address and its {@code RESERVED} change under the next revision.
     *
     * @param draft the address; its revision is ignored
     * @return the stored change, whose address carries the assigned revision
     * @throws HostPortTakenException if host:port is already held (the store enforces uniqueness itself)
     */
    Change insert(AddressRecord draft);

    /**
     * Removes an address and stores its {@code RELEASED} change under the next revision.
     *
     * @return the change, or empty if no address has this id
     */
    Optional<Change> delete(String id);

    /**
     * Sets the lease of the given ephemeral addresses. Not a change: watchers are not told (renewals are
     * frequent heartbeats, and the host:port binding does not change).
     *
     * @return the ids that name no address at all
     */
    Set<String> renewLeases(Collection<String> ids, Instant leaseExpiresAt);

    /** Extends every ephemeral lease that ends before {@code atLeast} to {@code atLeast}. */
    void extendEphemeralLeasesTo(Instant atLeast);

    Optional<AddressRecord> findById(String id);

    Optional<AddressRecord> findByHostPort(String host, int port);

    /** An account's addresses ordered by host then port, starting after {@code after} (null: from the start). */
    List<AddressRecord> listByAccount(String account, HostPort after, int limit);

    /** Ephemeral addresses whose lease ended at or before {@code now}, oldest lease first. */
    List<AddressRecord> findExpired(Instant now, int limit);

    long currentRevision();

    /** Runs a trivial query; throws if the store cannot answer. */
    void ping();

    @Override
    void close();
}
