package dev.portway.edge;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An immutable view of what the edge should serve: computed by {@link RoutingTable}, read by the data path. */
public final class Routes {

    public static final Routes NONE = new Routes(Map.of(), List.of());

    private final Map<BindAddress, Listener> listeners;
    private final List<Conflict> conflicts;
    private final Set<String> liveEndpointIds;

    public Routes(Map<BindAddress, Listener> listeners, List<Conflict> conflicts) {
        this.listeners = Map.copyOf(listeners);
        this.conflicts = List.copyOf(conflicts);
        Set<String> ids = new HashSet<>();
        listeners.values().forEach(l -> l.endpoints().forEach(e -> ids.add(e.id())));
        this.liveEndpointIds = Set.copyOf(ids);
    }

    public Map<BindAddress, Listener> listeners() {
        return listeners;
    }

    /** The listener at {@code bindAddress}, or null if the edge should not listen there. */
    public Listener listenerAt(BindAddress bindAddress) {
        return listeners.get(bindAddress);
    }

    public List<Conflict> conflicts() {
        return conflicts;
    }

    /**
     * Endpoints a client may be carried to right now. A connection to any other endpoint must end:
     * its endpoint went offline, or its address is unknown or not served here.
     */
    public Set<String> liveEndpointIds() {
        return liveEndpointIds;
    }

    public boolean isLive(String endpointId) {
        return liveEndpointIds.contains(endpointId);
    }
}
