package dev.portway.edge;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open client connections by endpoint, so those of an endpoint that went offline can be ended at once.
 *
 * <p>A connection registers itself and then checks that its endpoint is still live; the control
 * thread publishes new routes and then sweeps. Whichever runs second sees the other, so no connection
 * to an offline endpoint survives the race. Sets are only touched inside the map's atomic operations.
 */
final class ConnectionRegistry {

    private final ConcurrentHashMap<String, Set<EdgeConnection>> byEndpoint = new ConcurrentHashMap<>();

    void add(EdgeConnection connection) {
        byEndpoint.compute(connection.endpointId(), (id, set) -> {
            Set<EdgeConnection> s = set == null ? new HashSet<>() : set;
            s.add(connection);
            return s;
        });
    }

    void remove(EdgeConnection connection) {
        byEndpoint.computeIfPresent(connection.endpointId(), (id, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    /** Aborts every connection whose endpoint is not in {@code live}; returns how many. */
    int abortAllExcept(Set<String> live, String why) {
        int aborted = 0;
        for (String endpointId : byEndpoint.keySet()) {
            if (live.contains(endpointId)) {
                continue;
            }
            Set<EdgeConnection> gone = byEndpoint.remove(endpointId);
            if (gone != null) {
                for (EdgeConnection connection : gone) {
                    connection.abort(why);
                    aborted++;
                }
            }
        }
        return aborted;
    }
}
