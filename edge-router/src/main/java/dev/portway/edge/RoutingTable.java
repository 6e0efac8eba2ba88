package dev.portway.edge;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.Endpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the edge knows about the control plane, and what it should serve because of it. Pure model:
 * no I/O, no threads (the caller confines it to one thread).
 *
 * <p>The edge listens on an address while the allocator knows it AND at least one endpoint on it is
 * online on some bridge. The local IP comes from the {@link HostBindings}. When two hosts land on
 * the same local IP and port, the one already served keeps it (so its clients are not cut off);
 * between new ones the lowest host name wins. The others are reported as {@link Conflict}s.
 */
public final class RoutingTable {

    private static final Comparator<PublicAddress> BY_HOST_THEN_PORT =
            Comparator.comparing(PublicAddress::host).thenComparingInt(PublicAddress::port);

    /** What one bridge watch last told: endpoints by id. */
    private record BridgeState(String bridgeId, Map<String, Endpoint> endpoints) {}

    private final HostBindings bindings;
    private final Map<PublicAddress, Address> addresses = new HashMap<>();
    /** Keyed by the watch's source (the configured bridge target): ids come from the bridge itself. */
    private final Map<String, BridgeState> bridges = new TreeMap<>();
    /** Which address holds each local IP:port, so a conflict never moves a served listener. */
    private Map<BindAddress, PublicAddress> owners = Map.of();

    public RoutingTable(HostBindings bindings) {
        this.bindings = bindings;
    }

    // --- allocator ---------------------------------------------------------------------------

    /** A snapshot: the allocator knows exactly these addresses now. */
    public void replaceAddresses(Collection<Address> snapshot) {
        addresses.clear();
        snapshot.forEach(this::addressReserved);
    }

    /** An address was reserved, or changed (e.g. an ephemeral lease was renewed). */
    public void addressReserved(Address address) {
        addresses.put(publicAddressOf(address), address);
    }

    public void addressReleased(Address address) {
        PublicAddress key = publicAddressOf(address);
        Address known = addresses.get(key);
        // An out-of-date release must not remove a newer reservation of the same host:port.
        if (known != null && (address.getId().isEmpty() || known.getId().equals(address.getId()))) {
            addresses.remove(key);
        }
    }

    public int knownAddressCount() {
        return addresses.size();
    }

    // --- bridges -----------------------------------------------------------------------------

    /** A bridge's snapshot: exactly these endpoints are online on it now. */
    public void replaceBridgeEndpoints(String source, String bridgeId, Collection<Endpoint> online) {
        Map<String, Endpoint> byId = new LinkedHashMap<>();
        online.forEach(e -> byId.put(e.getId(), e));
        bridges.put(source, new BridgeState(bridgeId, byId));
    }

    /** Ignored until the bridge's snapshot arrived (the watch protocol always sends it first). */
    public void endpointOnline(String source, Endpoint endpoint) {
        BridgeState bridge = bridges.get(source);
        if (bridge != null) {
            bridge.endpoints().put(endpoint.getId(), endpoint);
        }
    }

    public void endpointOffline(String source, Endpoint endpoint) {
        BridgeState bridge = bridges.get(source);
        if (bridge != null) {
            bridge.endpoints().remove(endpoint.getId());
        }
    }

    /** The watch on this bridge broke: its endpoints count as offline until it answers again. */
    public void bridgeLost(String source) {
        bridges.remove(source);
    }

    // --- desired state -----------------------------------------------------------------------

    /** The listeners the edge should have now. Remembers who holds each local address (see class doc). */
    public Routes routes() {
        Map<PublicAddress, List<OnlineEndpoint>> servable = new TreeMap<>(BY_HOST_THEN_PORT);
        for (Map.Entry<String, BridgeState> entry : bridges.entrySet()) {
            BridgeState bridge = entry.getValue();
            for (Endpoint endpoint : bridge.endpoints().values()) {
                PublicAddress at = publicAddressOf(endpoint);
                if (at != null && addresses.containsKey(at)) {
                    servable.computeIfAbsent(at, k -> new ArrayList<>())
                            .add(new OnlineEndpoint(endpoint, bridge.bridgeId(), entry.getKey()));
                }
            }
        }

        Map<BindAddress, List<PublicAddress>> candidates = new LinkedHashMap<>();
        servable.keySet().forEach(at -> candidates.computeIfAbsent(bindings.bindAddressFor(at), k -> new ArrayList<>()).add(at));

        Map<BindAddress, Listener> listeners = new HashMap<>();
        Map<BindAddress, PublicAddress> newOwners = new HashMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        candidates.forEach((bind, contenders) -> {
            PublicAddress previous = owners.get(bind);
            PublicAddress owner = contenders.contains(previous) ? previous : contenders.get(0);
            newOwners.put(bind, owner);
            List<OnlineEndpoint> endpoints = servable.get(owner);
            endpoints.sort(Comparator.comparing(OnlineEndpoint::id));
            listeners.put(bind, new Listener(bind, owner, addresses.get(owner), endpoints));
            contenders.stream().filter(c -> !c.equals(owner)).forEach(c -> conflicts.add(new Conflict(bind, owner, c)));
        });
        owners = newOwners;
        return new Routes(listeners, conflicts);
    }

    private static PublicAddress publicAddressOf(Address address) {
        return new PublicAddress(address.getHost(), address.getPort());
    }

    /** From the endpoint's host and port, or its "tcp://host:port" URL if those are empty; null if neither is usable. */
    static PublicAddress publicAddressOf(Endpoint endpoint) {
        if (!endpoint.getHost().isEmpty() && endpoint.getPort() > 0) {
            return new PublicAddress(endpoint.getHost(), endpoint.getPort());
        }
        String url = endpoint.getUrl();
        if (url.startsWith("tcp://")) {
            try {
                HostAndPort hp = HostAndPort.parse("url", url.substring("tcp://".length()));
                return new PublicAddress(hp.host(), hp.port());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
