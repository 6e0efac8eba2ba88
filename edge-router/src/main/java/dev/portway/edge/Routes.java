package dev.portway.edge;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An immutable view of what the edge should serve: computed by {@link RoutingTable} on the control thread, read
 * by the data path (one volatile read per accepted connection, see {@link PublishedRoutes}).
 */
public final class Routes {

    public static final Routes NONE = new Routes(Map.of(), List.of(), List.of(), Map.of(), false);

    private final Map<BindAddress, Listener> listeners;
    private final List<Conflict> conflicts;
    private final List<PoolConflict> poolConflicts;
    private final Map<String, InternalEndpoints> internalByAccount;
    private final boolean policiesLive;
    private final Set<String> liveEndpointIds;
    private final Set<String> liveAgentSessions;
    private final Set<AccountUrl> liveUrls;

    /** Routes of public listeners only, with the policy-engine in sync (tests of the listeners). */
    public Routes(Map<BindAddress, Listener> listeners, List<Conflict> conflicts) {
        this(listeners, conflicts, List.of(), Map.of(), true);
    }

    /**
     * @param internalByAccount the internal endpoints of each account
     * @param policiesLive      whether the policy-engine's watch is in sync; if not, every new connection is closed
     */
    public Routes(Map<BindAddress, Listener> listeners, List<Conflict> conflicts, List<PoolConflict> poolConflicts,
                  Map<String, InternalEndpoints> internalByAccount, boolean policiesLive) {
        this.listeners = Map.copyOf(listeners);
        this.conflicts = List.copyOf(conflicts);
        this.poolConflicts = List.copyOf(poolConflicts);
        this.internalByAccount = Map.copyOf(internalByAccount);
        this.policiesLive = policiesLive;
        Set<String> ids = new HashSet<>();
        Set<String> sessions = new HashSet<>();
        Set<AccountUrl> urls = new HashSet<>();
        Consumer<RouteMember> live = m -> {
            ids.add(m.id());
            urls.add(m.accountUrl());
            if (m.agent() != null) {
                sessions.add(AgentLinks.sessionOf(m.agent()));
            }
        };
        listeners.values().forEach(l -> l.pool().served().forEach(live));
        internalByAccount.values().forEach(internal -> internal.byUrl().values()
                .forEach(pool -> pool.served().forEach(live)));
        this.liveEndpointIds = Set.copyOf(ids);
        this.liveAgentSessions = Set.copyOf(sessions);
        this.liveUrls = Set.copyOf(urls);
    }

    public Map<BindAddress, Listener> listeners() {
        return listeners;
    }

    /** The listener at {@code bindAddress}, or null if the edge should not listen there. */
    public Listener listenerAt(BindAddress bindAddress) {
        return listeners.get(bindAddress);
    }

    /** Hosts that map to a local address another host already holds. */
    public List<Conflict> conflicts() {
        return conflicts;
    }

    /** URLs with several endpoints of which not all enabled pooling. */
    public List<PoolConflict> poolConflicts() {
        return poolConflicts;
    }

    /** The internal endpoints of {@code account}: the only ones its policies can forward to. */
    InternalEndpoints internalOf(String account) {
        InternalEndpoints internal = internalByAccount.get(account);
        return internal == null ? InternalEndpoints.NONE : internal;
    }

    /** Whether the cloud endpoints are in sync with the policy-engine; while not, the edge fails closed. */
    public boolean policiesLive() {
        return policiesLive;
    }

    /**
     * Endpoints a client may be carried to right now (served public and internal members). A connection through
     * any other endpoint must end: it went offline, its address is unknown or not served here, or it lost its
     * place in a pool that is not pooled.
     */
    public Set<String> liveEndpointIds() {
        return liveEndpointIds;
    }

    /** Agent sessions (see {@link AgentLinks#sessionOf}) with a live endpoint: their links stay open. */
    Set<String> liveAgentSessions() {
        return liveAgentSessions;
    }

    /** URLs with a served endpoint (public or internal), by account: the edge's per-endpoint metric series keep to these. */
    Set<AccountUrl> liveUrls() {
        return liveUrls;
    }

    public boolean isLive(String endpointId) {
        return liveEndpointIds.contains(endpointId);
    }
}
