package dev.portway.policyengine.store;

import dev.portway.policyengine.model.Change;
import dev.portway.policyengine.model.CloudEndpointRecord;
import dev.portway.policyengine.model.Snapshot;
import dev.portway.service.watch.ChangeHistory;

import java.util.List;
import java.util.Optional;

/**
 * Durable home of every cloud endpoint and of the recent change log.
 * <p>
 * Every mutating call is durable when it returns: callers acknowledge a change only afterwards. Each change is
 * numbered by a revision that only grows, also across restarts. Calls block (disk I/O); never call them on an
 * event loop. Implementations are thread-safe. What a new watcher starts from (a snapshot, or the changes it
 * missed) comes from {@link ChangeHistory}.
 */
public interface CloudEndpointStore extends ChangeHistory<Snapshot, Change>, AutoCloseable {

    /**
     * Stores a new cloud endpoint and its CREATED change under the next revision.
     *
     * @throws UrlTakenException if a cloud endpoint already has the URL (the store enforces uniqueness itself)
     */
    Change insert(CloudEndpointRecord draft);

    /** Replaces a cloud endpoint (same id) and stores its UPDATED change; empty if the id is unknown. */
    Optional<Change> update(CloudEndpointRecord changed);

    /** Removes a cloud endpoint and stores its DELETED change; empty if the id is unknown. */
    Optional<Change> delete(String id);

    Optional<CloudEndpointRecord> findById(String id);

    /** An account's cloud endpoints ordered by URL, starting after {@code afterUrl} (null: from the start). */
    List<CloudEndpointRecord> listByAccount(String account, String afterUrl, int limit);

    long currentRevision();

    /** Runs a trivial query; throws if the store cannot answer. */
    void ping();

    @Override
    void close();
}
