package dev.portway.service.watch;

/**
 * One durable change as a watcher sees it: the record it is about, numbered by a revision that only grows.
 *
 * @param <R> the record type
 */
public interface RecordChange<R extends AccountOwned> {

    long revision();

    /** The record as of this change (for a removal: as it was, carrying the removal's revision). */
    R record();
}
