package dev.portway.allocator.allocation;

import dev.portway.allocator.model.Change;
import dev.portway.allocator.model.Snapshot;
import dev.portway.service.watch.ChangeHub;
import dev.portway.service.watch.WatchStart;

import java.util.ArrayList;
import java.util.List;

/** A watcher that remembers what it was given. */
final class RecordingSubscriber implements ChangeHub.Subscriber<Snapshot, Change> {

    WatchStart<Snapshot, Change> start;
    final List<Change> changes = new ArrayList<>();
    boolean shutdown;

    @Override
    public void begin(WatchStart<Snapshot, Change> start) {
        this.start = start;
    }

    @Override
    public void offer(Change change) {
        changes.add(change);
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }
}
