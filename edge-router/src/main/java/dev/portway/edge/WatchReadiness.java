package dev.portway.edge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which watches are in sync: their current stream delivered its first event (a snapshot; for the allocator, a
 * snapshot or the replay of a resumed stream). A watch whose stream broke is out of sync until its next stream
 * delivers again. The edge is ready while every watch is in sync: otherwise it would refuse clients of endpoints
 * it has not heard of yet, serve from a picture that may be stale, or (the policy-engine) close every client.
 */
public final class WatchReadiness {

    private final List<String> expected;
    private final Set<String> missing = ConcurrentHashMap.newKeySet();

    public WatchReadiness(Collection<String> watchNames) {
        this.expected = List.copyOf(watchNames);
        missing.addAll(watchNames);
    }

    /** The watch's current stream delivered what it starts with. */
    void synced(String watchName) {
        missing.remove(watchName);
    }

    /** The watch's stream ended: out of sync until the next one delivers. */
    void lost(String watchName) {
        if (expected.contains(watchName)) {
            missing.add(watchName);
        }
    }

    public boolean isReady() {
        return missing.isEmpty();
    }

    /** The watches not in sync, in configuration order. */
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
