package dev.portway.policyengine.watch;

import dev.portway.policyengine.model.Change;
import dev.portway.policyengine.model.Snapshot;

import java.util.List;

/** What a new watcher gets before live changes: a snapshot, or the retained changes after its revision. */
public record WatchStart(Snapshot snapshot, List<Change> replay) {

    public static WatchStart snapshot(Snapshot snapshot) {
        return new WatchStart(snapshot, null);
    }

    public static WatchStart replay(List<Change> changes) {
        return new WatchStart(null, List.copyOf(changes));
    }

    public boolean isSnapshot() {
        return snapshot != null;
    }
}
