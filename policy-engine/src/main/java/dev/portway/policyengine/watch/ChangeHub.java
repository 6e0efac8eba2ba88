package dev.portway.policyengine.watch;

import dev.portway.policyengine.model.Change;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans committed changes out to the watchers. Publishing only hands each subscriber the change (which
 * queues it without blocking), so a slow watcher never holds up a change.
 */
public final class ChangeHub {

    /** A watcher. Every method must return quickly and never block. */
    public interface Subscriber {

        /** Called once, before any {@link #offer}, with what the watcher sees first. */
        void begin(WatchStart start);

        /** A change committed after the start, in revision order. */
        void offer(Change change);

        /** The hub is shutting down: end the stream, telling the watcher to reconnect. */
        void shutdown();
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    public void add(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    public void remove(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    public void publish(Change change) {
        for (Subscriber subscriber : subscribers) {
            subscriber.offer(change);
        }
    }

    public int size() {
        return subscribers.size();
    }

    public void shutdown() {
        for (Subscriber subscriber : subscribers) {
            subscriber.shutdown();
        }
        subscribers.clear();
    }
}
