package dev.portway.edge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which watches have delivered their first snapshot. The edge is ready once all have: before that it
 * would refuse clients of endpoints it simply has not heard of yet.
 */
public final class WatchReadiness {

    private final List<String> expected;
    private final Set<String> missing = ConcurrentHashMap.newKeySet();

    public WatchReadiness(Collection<String> watchNames) {
        this.expected = List.copyOf(watchNames);
        missing.addAll(watchNames);
    }

    void snapshotReceived(String watchName) {
        missing.remove(watchName);
    }

    public boolean isReady() {
        return missing.isEmpty();
    }

    /** The watches still waiting for a first snapshot, in configuration order. */
    public List<String> missing() {
        List<String> names = new ArrayList<>();
        for (String name : expected) {
            if (missing.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
