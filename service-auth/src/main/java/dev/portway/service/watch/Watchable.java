package dev.portway.service.watch;

/**
 * Something watchers can follow: the rules layer of a service, which orders its changes.
 *
 * @param <S> the snapshot type
 * @param <C> the change type
 */
public interface Watchable<S, C> {

    /**
     * Registers a watcher: it begins with the changes after {@code resumeFromRevision} if they are still
     * retained, else with a snapshot, then gets every later change.
     *
     * @param resumeFromRevision 0 for a snapshot, else the last revision the watcher saw
     */
    void watch(ChangeHub.Subscriber<S, C> subscriber, long resumeFromRevision);

    void unwatch(ChangeHub.Subscriber<S, C> subscriber);
}
