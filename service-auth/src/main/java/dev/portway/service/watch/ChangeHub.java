package dev.portway.service.watch;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans committed changes out to the watchers. Publishing only hands each subscriber the change (which
 * queues it without blocking), so a slow watcher never holds up a change.
 *
 * @param <S> the snapshot type
 * @param <C> the change type
 */
public final class ChangeHub<S, C> {

    /** A watcher. Every method must return quickly and never block. */
    public interface Subscriber<S, C> {

        /** Called once, before any {@link #offer}, with what the watcher sees first. */
        void begin(WatchStart<S, C> start);

        /** A change committed after the start, in revision order. */
        void offer(C change);

        /** The hub is shutting down: end the stream, telling the watcher to reconnect. */
        void shutdown();
    }

    private final List<Subscriber<S, C>> subscribers = new CopyOnWriteArrayList<>();

    /**
     * Starts a watcher with the retained changes after {@code resumeFromRevision}, or with a snapshot when
     * they are gone (or {@code resumeFromRevision} is 0), then adds it. Call it under the lock that orders
     * publishing, so that no change can fall between what the watcher starts with and its first live change.
     */
    public void subscribe(Subscriber<S, C> subscriber, long resumeFromRevision, ChangeHistory<S, C> history) {
        Optional<List<C>> replay = resumeFromRevision > 0
                ? history.changesAfter(resumeFromRevision)
                : Optional.empty();
        if (replay.isPresent()) {
            subscriber.begin(WatchStart.replay(replay.get()));
        } else {
            subscriber.begin(WatchStart.snapshot(history.snapshot()));
        }
        subscribers.add(subscriber);
    }

    public void remove(Subscriber<S, C> subscriber) {
        subscribers.remove(subscriber);
    }

    public void publish(C change) {
        for (Subscriber<S, C> subscriber : subscribers) {
            subscriber.offer(change);
        }
    }

    public int size() {
        return subscribers.size();
    }

    public void shutdown() {
        for (Subscriber<S, C> subscriber : subscribers) {
            subscriber.shutdown();
        }
        subscribers.clear();
    }
}
