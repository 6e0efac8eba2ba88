package dev.portway.edge;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.Endpoint;
import dev.portway.policy.EndpointKind;
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
 * no I/O, no threads (the caller confines it to one thread); compiling policies is pure computation too.
 *
 * <p>The edge listens on an address while the allocator knows it AND at least one endpoint on it is
 * online: an agent endpoint on some bridge, or a cloud endpoint of the account that holds the address. The
 * local IP comes from the {@link HostBindings}. When two hosts land on the same local IP and port, the one
 * already served keeps it (so its clients are not cut off); between new ones the lowest host name wins. The
 * others are reported as {@link Conflict}s.
 *
 * <p>All endpoints at one URL form a {@link Pool}; one that is not pooled serves its earliest member and is
 * reported as a {@link PoolConflict}. Internal endpoints ({@code internal=true}) are never listened on: they are
 * indexed per account, for the forward-internal actions of that account's policies.
 *
 * <p>Policies are compiled here, once per distinct policy ({@link PolicyCache}), never on the data path.
 */
public final class RoutingTable {

    private static final Comparator<PublicAddress> BY_HOST_THEN_PORT =
            Comparator.comparing(PublicAddress::host).thenComparingInt(PublicAddress::port);

    /** What one bridge watch last told: endpoints by id. */
    private record BridgeState(String bridgeId, Map<String, Endpoint> endpoints) {}

    private final HostBindings bindings;
    private final PolicyCache policies = new PolicyCache();
    private final Map<PublicAddress, Address> addresses = new HashMap<>();
    /** Keyed by the watch's source (the configured bridge target): ids come from the bridge itself. */
    private final Map<String, BridgeState> bridges = new TreeMap<>();
    /** Cloud endpoints by id, as the policy-engine last told; kept while its watch is broken. */
    private final Map<String, CloudEndpoint> cloudEndpoints = new TreeMap<>();
    private boolean cloudEndpointsInSync;
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

    // --- policy-engine ------------------------------------------------------------------------

    /** The policy-engine's snapshot: exactly these cloud endpoints exist now; the edge is in sync with it. */
    public void replaceCloudEndpoints(Collection<CloudEndpoint> snapshot) {
        cloudEndpoints.clear();
        snapshot.forEach(c -> cloudEndpoints.put(c.getId(), c));
        cloudEndpointsInSync = true;
    }

    /** A cloud endpoint was created or updated (policy, pooling...). */
    public void cloudEndpointChanged(CloudEndpoint cloud) {
        cloudEndpoints.put(cloud.getId(), cloud);
    }

    public void cloudEndpointDeleted(CloudEndpoint cloud) {
        cloudEndpoints.remove(cloud.getId());
    }

    /**
     * The policy-engine's watch broke: what it said may be stale, so the edge fails closed until the next
     * snapshot. The cloud endpoints are kept, so their listeners stay and clients are closed rather than refused.
     */
    public void cloudEndpointsLost() {
        cloudEndpointsInSync = false;
    }

    public boolean cloudEndpointsInSync() {
        return cloudEndpointsInSync;
    }

    /** How many policies were compiled so far; rebuilds reuse them (for tests). */
    int policyCompilations() {
        return policies.compilations();
    }

    // --- desired state -----------------------------------------------------------------------

    /** The listeners the edge should have now. Remembers who holds each local address (see class doc). */
    public Routes routes() {
        Map<PublicAddress, List<RouteMember>> servable = new TreeMap<>(BY_HOST_THEN_PORT);
        Map<String, Map<String, List<RouteMember>>> internal = new TreeMap<>();
        for (RouteMember member : agentMembers()) {
            Endpoint endpoint = member.agent().endpoint();
            if (endpoint.getInternal()) {
                internal.computeIfAbsent(member.account(), a -> new TreeMap<>())
                        .computeIfAbsent(InternalEndpoints.key(member.url()), u -> new ArrayList<>()).add(member);
                continue;
            }
            PublicAddress at = publicAddressOf(endpoint);
            if (at != null && addresses.containsKey(at)) {
                servable.computeIfAbsent(at, k -> new ArrayList<>()).add(member);
            }
        }
        for (CloudEndpoint cloud : cloudEndpoints.values()) {
            PublicAddress at = publicAddressOf(cloud.getUrl());
            Address address = at == null ? null : addresses.get(at);
            // Only while the address is still the cloud endpoint's account's: once released (and perhaps
            // reserved by someone else) its policy must not decide that address's connections.
            if (address != null && address.getAccount().equals(cloud.getAccount())) {
                EndpointPolicy policy = policies.policyFor(cloud.getAccount(), EndpointKind.CLOUD,
                        cloud.getTrafficPolicy(), "cloud endpoint " + cloud.getId() + " (" + cloud.getUrl() + ")");
                servable.computeIfAbsent(at, k -> new ArrayList<>()).add(RouteMember.cloud(cloud, at, policy));
            }
        }
        policies.sweep();

        List<PoolConflict> poolConflicts = new ArrayList<>();
        Map<String, InternalEndpoints> internalByAccount = new HashMap<>();
        internal.forEach((account, byUrl) -> {
            Map<String, Pool> pools = new HashMap<>();
            byUrl.forEach((url, members) -> {
                Pool pool = Pool.of(members);
                pools.put(url, pool);
                if (!pool.notServed().isEmpty()) {
                    poolConflicts.add(PoolConflict.of(url + " (account " + account + ")", pool));
                }
            });
            internalByAccount.put(account, new InternalEndpoints(pools));
        });

        Map<BindAddress, List<PublicAddress>> candidates = new LinkedHashMap<>();
        servable.keySet().forEach(at -> candidates.computeIfAbsent(bindings.bindAddressFor(at), k -> new ArrayList<>()).add(at));

        Map<BindAddress, Listener> listeners = new HashMap<>();
        Map<BindAddress, PublicAddress> newOwners = new HashMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        candidates.forEach((bind, contenders) -> {
            PublicAddress previous = owners.get(bind);
            PublicAddress owner = contenders.contains(previous) ? previous : contenders.get(0);
            newOwners.put(bind, owner);
            Pool pool = Pool.of(servable.get(owner));
            if (!pool.notServed().isEmpty()) {
                poolConflicts.add(PoolConflict.of("tcp://" + owner, pool));
            }
            listeners.put(bind, new Listener(bind, owner, addresses.get(owner), pool));
            contenders.stream().filter(c -> !c.equals(owner)).forEach(c -> conflicts.add(new Conflict(bind, owner, c)));
        });
        owners = newOwners;
        return new Routes(listeners, conflicts, poolConflicts, internalByAccount, cloudEndpointsInSync);
    }

    /**
     * Every agent endpoint online on some bridge, its policy compiled. An endpoint seen on two bridges at once
     * (its agent moved, the old bridge has not noticed yet) counts once: the latest bind, whose session is live.
     */
    private Collection<RouteMember> agentMembers() {
        Map<String, OnlineEndpoint> byId = new LinkedHashMap<>();
        for (Map.Entry<String, BridgeState> entry : bridges.entrySet()) {
            BridgeState bridge = entry.getValue();
            for (Endpoint endpoint : bridge.endpoints().values()) {
                OnlineEndpoint seen = byId.get(endpoint.getId());
                if (seen == null || seen.endpoint().getBoundAtUnixMillis() < endpoint.getBoundAtUnixMillis()) {
                    byId.put(endpoint.getId(), new OnlineEndpoint(endpoint, bridge.bridgeId(), entry.getKey()));
                }
            }
        }
        List<RouteMember> members = new ArrayList<>(byId.size());
        for (OnlineEndpoint online : byId.values()) {
            Endpoint endpoint = online.endpoint();
            members.add(RouteMember.agent(online, policies.policyFor(endpoint.getAccount(), EndpointKind.AGENT,
                    endpoint.getTrafficPolicy(), "endpoint " + endpoint.getId() + " (" + endpoint.getUrl() + ")")));
        }
        return members;
    }

    private static PublicAddress publicAddressOf(Address address) {
        return new PublicAddress(address.getHost(), address.getPort());
    }

    /** From the endpoint's host and port, or its "tcp://host:port" URL if those are empty; null if neither is usable. */
    static PublicAddress publicAddressOf(Endpoint endpoint) {
        if (!endpoint.getHost().isEmpty() && endpoint.getPort() > 0) {
            return new PublicAddress(endpoint.getHost(), endpoint.getPort());
        }
        return publicAddressOf(endpoint.getUrl());
    }

    /** From a "tcp://host:port" URL; null if it is not one. */
    static PublicAddress publicAddressOf(String url) {
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
