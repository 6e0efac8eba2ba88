package dev.portway.agent;

import dev.portway.api.v1.AgentMessage;
import dev.portway.api.v1.BindRequest;
import dev.portway.api.v1.BindResponse;
import dev.portway.api.v1.UnbindRequest;
import dev.portway.api.v1.UnbindResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The endpoints the agent wants bound, and the bind/unbind requests in flight. Every endpoint is
 * bound again on each new session with the concrete URL it had, so its address comes back.
 *
 * <p>Confined to the agent's loop thread.
 */
final class Endpoints {

    private static final Logger LOG = Logger.getLogger(Endpoints.class);

    /**
     * Refusals of a re-bind that may pass by themselves: typically ALREADY_EXISTS while the bridge
     * has not yet noticed that the agent's previous session is gone.
     */
    private static final Set<String> RETRYABLE = Set.of(
            "ALREADY_EXISTS", "UNAVAILABLE", "ABORTED", "RESOURCE_EXHAUSTED", "DEADLINE_EXCEEDED", "INTERNAL",
            "UNKNOWN");

    /** Refusals meaning an ephemeral address is no longer the account's: its lease ran out. */
    private static final Set<String> LEASE_GONE = Set.of("NOT_FOUND", "PERMISSION_DENIED");

    /** What the owner hears about endpoints. */
    interface Events {
        void bound(BoundEndpoint endpoint);

        void urlChanged(BoundEndpoint endpoint, String previousUrl);

        void lost(String url, BindException cause);
    }

    /** One endpoint the agent wants bound. */
    static final class Entry {
        final EndpointSpec spec;
        final CompletableFuture<BoundEndpoint> firstBind;
        /** Every endpoint id the bridge gave it: unbind accepts any of them. */
        final Set<String> ids = new LinkedHashSet<>();
        /** The URL to bind with next: the spec's, then the concrete one the bridge gave. */
        String bindUrl;
        /** The last URL the bridge bound it under, or null before the first bind. */
        String lastUrl;
        /** Bound on the current session, or null. */
        BoundEndpoint current;
        String requestId;
        int retries;
        ScheduledFuture<?> retry;
        boolean removed;

        Entry(EndpointSpec spec, CompletableFuture<BoundEndpoint> firstBind) {
            this.spec = spec;
            this.firstBind = firstBind;
            this.bindUrl = spec.url();
        }
    }

    private final ScheduledExecutorService loop;
    private final Backoff retryBackoff;
    private final Events events;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> bindsInFlight = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> unbindsInFlight = new HashMap<>();
    private BridgeSession session;
    private long nextRequestId;
    /** Endpoints bound on the current session, by id: written on the loop, read by link streams on Netty threads. */
    private volatile Map<String, Servable> servable = Map.of();

    /** What serves a client of a bound endpoint. */
    record Servable(HostPort upstream, String url) {}

    Endpoints(ScheduledExecutorService loop, Backoff retryBackoff, Events events) {
        this.loop = loop;
        this.retryBackoff = retryBackoff;
        this.events = events;
    }

    /** Binds now if a session is live, else as soon as one is. */
    void add(EndpointSpec spec, CompletableFuture<BoundEndpoint> firstBind) {
        Entry entry = new Entry(spec, firstBind);
        entries.add(entry);
        if (session != null) {
            sendBind(entry);
        }
    }

    /** A session was accepted: bind everything on it. */
    void sessionStarted(BridgeSession live) {
        session = live;
        for (Entry entry : List.copyOf(entries)) {
            sendBind(entry);
        }
    }

    /**
     * The session is gone, and with it every binding (the bridge unbinds a dead session's
     * endpoints) and every answer still owed.
     */
    void sessionEnded() {
        session = null;
        bindsInFlight.clear();
        for (Entry entry : entries) {
            entry.current = null;
            entry.requestId = null;
            cancelRetry(entry);
        }
        unbindsInFlight.values().forEach(f -> f.complete(null));
        unbindsInFlight.clear();
        refreshServable();
    }

    void onBindResponse(BindResponse response) {
        Entry entry = bindsInFlight.remove(response.getRequestId());
        if (entry == null) {
            LOG.debugf("ignoring bind_response for unknown request %s", response.getRequestId());
            return;
        }
        entry.requestId = null;
        if (response.hasEndpoint()) {
            bound(entry, BoundEndpoint.from(response, entry.spec));
        } else {
            refused(entry, BindException.from(response.getError()));
        }
    }

    private void bound(Entry entry, BoundEndpoint endpoint) {
        if (entry.removed) {
            sendUnbind(endpoint.id()); // unbound while its bind was in flight
            return;
        }
        String previousUrl = entry.lastUrl;
        entry.current = endpoint;
        refreshServable();
        entry.ids.add(endpoint.id());
        entry.bindUrl = endpoint.url();
        entry.lastUrl = endpoint.url();
        entry.retries = 0;
        entry.firstBind.complete(endpoint);
        events.bound(endpoint);
        if (previousUrl != null && !previousUrl.equals(endpoint.url())) {
            events.urlChanged(endpoint, previousUrl);
        }
    }

    private void refused(Entry entry, BindException cause) {
        if (entry.removed) {
            return;
        }
        if (!entry.firstBind.isDone()) {
            // A first bind reports its refusal to the caller, whatever the reason.
            entries.remove(entry);
            entry.firstBind.completeExceptionally(cause);
            return;
        }
        if (TcpUrl.isEphemeral(entry.spec.url()) && !TcpUrl.isEphemeral(entry.bindUrl)
                && LEASE_GONE.contains(cause.code())) {
            LOG.infof("%s is no longer held (%s: %s); binding a new ephemeral address", entry.bindUrl,
                    cause.code(), cause.getMessage());
            entry.bindUrl = TcpUrl.EPHEMERAL;
            sendBind(entry);
            return;
        }
        if (RETRYABLE.contains(cause.code())) {
            scheduleRetry(entry, cause);
            return;
        }
        LOG.infof("the bridge refused to bind %s again (%s: %s); dropping it", entry.bindUrl, cause.code(),
                cause.getMessage());
        entries.remove(entry);
        events.lost(entry.bindUrl, cause);
    }

    private void scheduleRetry(Entry entry, BindException cause) {
        BridgeSession on = session;
        Duration delay = retryBackoff.delay(++entry.retries);
        LOG.infof("the bridge refused to bind %s again (%s: %s); retrying in %d ms", entry.bindUrl, cause.code(),
                cause.getMessage(), delay.toMillis());
        entry.retry = loop.schedule(() -> {
            entry.retry = null;
            if (session == on && session != null && !entry.removed && entry.current == null
                    && entry.requestId == null) {
                sendBind(entry);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    void onUnbindResponse(UnbindResponse response) {
        CompletableFuture<Void> done = unbindsInFlight.remove(response.getRequestId());
        if (done == null) {
            return;
        }
        if (response.hasError() && !response.getError().getCode().isEmpty()) {
            done.completeExceptionally(BindException.from(response.getError()));
        } else {
            done.complete(null);
        }
    }

    /** Unbinds the endpoint that has, or ever had, {@code endpointId}. */
    CompletableFuture<Void> unbind(String endpointId) {
        for (Entry entry : entries) {
            if (entry.ids.contains(endpointId)) {
                return remove(entry);
            }
        }
        return CompletableFuture.failedFuture(new IllegalArgumentException(
                "endpointId: no endpoint with id '" + endpointId + "' is bound by this agent"));
    }

    /** Unbinds everything (the agent is closing); a bind still waiting for its first answer fails. */
    List<CompletableFuture<Void>> unbindAll(PortwayException why) {
        List<CompletableFuture<Void>> unbinds = new ArrayList<>();
        for (Entry entry : List.copyOf(entries)) {
            entry.firstBind.completeExceptionally(why);
            unbinds.add(remove(entry));
        }
        return unbinds;
    }

    /** The agent stopped for good: every caller still waiting learns why. */
    void failAll(PortwayException why) {
        for (Entry entry : entries) {
            entry.removed = true;
            cancelRetry(entry);
            entry.firstBind.completeExceptionally(why);
        }
        entries.clear();
        bindsInFlight.clear();
        unbindsInFlight.values().forEach(f -> f.completeExceptionally(why));
        unbindsInFlight.clear();
    }

    private CompletableFuture<Void> remove(Entry entry) {
        entries.remove(entry);
        entry.removed = true;
        cancelRetry(entry);
        if (entry.current != null && session != null) {
            String id = entry.current.id();
            entry.current = null;
            refreshServable();
            return sendUnbind(id);
        }
        // Not bound now: nothing to undo (a bind in flight is undone when its answer comes).
        return CompletableFuture.completedFuture(null);
    }

    /** The upstream and URL of the endpoint bound under {@code endpointId} now, or null. Safe from any thread. */
    Servable servable(String endpointId) {
        return servable.get(endpointId);
    }

    private void refreshServable() {
        Map<String, Servable> now = new HashMap<>();
        for (Entry entry : entries) {
            if (entry.current != null) {
                now.put(entry.current.id(), new Servable(entry.spec.upstream(), entry.current.url()));
            }
        }
        servable = Map.copyOf(now);
    }

    /** The endpoint bound under {@code endpointId} on the current session, or null. */
    Entry current(String endpointId) {
        for (Entry entry : entries) {
            if (entry.current != null && entry.current.id().equals(endpointId)) {
                return entry;
            }
        }
        return null;
    }

    List<BoundEndpoint> bound() {
        List<BoundEndpoint> bound = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.current != null) {
                bound.add(entry.current);
            }
        }
        return bound;
    }

    private void sendBind(Entry entry) {
        if (entry.requestId != null || entry.current != null) {
            return; // already asked, or bound on this session
        }
        String requestId = "bind-" + ++nextRequestId;
        entry.requestId = requestId;
        bindsInFlight.put(requestId, entry);
        EndpointSpec spec = entry.spec;
        session.send(AgentMessage.newBuilder()
                .setBind(BindRequest.newBuilder()
                        .setRequestId(requestId)
                        .setUrl(entry.bindUrl)
                        .setPoolingEnabled(spec.poolingEnabled())
                        .setDescription(spec.description())
                        .putAllMetadata(spec.metadata())
                        .setUpstreamUrl(spec.upstreamUrl())
                        .setTrafficPolicy(spec.trafficPolicy()))
                .build());
    }

    private CompletableFuture<Void> sendUnbind(String endpointId) {
        if (session == null) {
            return CompletableFuture.completedFuture(null);
        }
        String requestId = "unbind-" + ++nextRequestId;
        CompletableFuture<Void> done = new CompletableFuture<>();
        unbindsInFlight.put(requestId, done);
        session.send(AgentMessage.newBuilder()
                .setUnbind(UnbindRequest.newBuilder().setRequestId(requestId).setEndpointId(endpointId))
                .build());
        return done;
    }

    private static void cancelRetry(Entry entry) {
        if (entry.retry != null) {
            entry.retry.cancel(false);
            entry.retry = null;
        }
    }
}
