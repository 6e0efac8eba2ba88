package dev.portway.service.watch;

import java.util.List;
import java.util.Optional;

/**
 * What a store tells a new watcher about the past: everything as of now, or the changes it missed.
 *
 * @param <S> the snapshot type
 * @param <C> the change type
 */
public interface ChangeHistory<S, C> {

    /** Every record and the revision they reflect, read consistently. */
    S snapshot();

    /**
     * The changes after {@code revision}, oldest first; empty when some of them are no longer retained
     * (or the revision is ahead of this store), in which case the caller needs a snapshot.
     */
    Optional<List<C>> changesAfter(long revision);
}
