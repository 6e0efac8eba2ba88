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

    /** Under every endpoint the connection depends on (see {@link EdgeConnection#endpointIds()}). */
    void add(EdgeConnection connection) {
        for (String endpointId : connection.endpointIds()) {
            byEndpoint.compute(endpointId, (id, set) -> {
                Set<EdgeConnection> s = set == null ? new HashSet<>() : set;
                s.add(connection);
                return s;
            });
        }
    }

    void remove(EdgeConnection connection) {
        for (String endpointId : connection.endpointIds()) {
            byEndpoint.computeIfPresent(endpointId, (id, set) -> {
                set.remove(connection);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /**
     * Aborts every connection that depends on an endpoint not in {@code live}; returns how many (a connection
     * registered under two gone endpoints is aborted once but counted twice; abort is idempotent).
     */
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
