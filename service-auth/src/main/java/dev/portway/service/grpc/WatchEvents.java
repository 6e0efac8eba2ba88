package dev.portway.service.grpc;

import java.util.List;

/**
 * How one service's Watch turns records and changes into its proto events.
 *
 * @param <R> the record type
 * @param <C> the change type
 * @param <E> the proto event type
 */
public interface WatchEvents<R, C, E> {

    /** The first event of a watcher that starts from a snapshot: the records it may see, as of the revision. */
    E snapshot(long revision, List<R> records);

    /** The event of one change; its revision is the change's. */
    E change(C change);
}
