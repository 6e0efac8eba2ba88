package dev.portway.service.watch;

import java.util.List;

/**
 * Every record as of one revision: what a watcher starts from when it cannot resume.
 *
 * @param <R> the record type
 */
public interface RecordSnapshot<R extends AccountOwned> {

    long revision();

    List<R> records();
}
