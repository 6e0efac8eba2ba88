package dev.portway.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The edge's meters. Byte counts are plain {@link LongAdder}s fetched once per connection and exposed
 * as function counters, so the data path never looks a meter up per read. Decision counters are cached per
 * endpoint and action, so a connection finds them with a map read, never a registry lookup. An endpoint's series
 * are tagged with its account as well as its URL ({@link AccountUrl}): two accounts may bind the same internal
 * URL, and neither may see the other's traffic in its series. The series of an
 * endpoint no longer served here are removed ({@link #retainEndpoints}): an edge whose endpoints come and go
 * keeps as many series as it serves endpoints, not as many as it ever served.
 */
public final class EdgeMetrics {

    /** Bytes of one endpoint: {@code in} from clients towards the agent, {@code out} back. */
    public record EndpointTraffic(LongAdder in, LongAdder out) {}

    /** The decision counters of one endpoint, one per action, registered on first use only. */
    final class EndpointDecisions {
        private final AccountUrl endpoint;
        private final AtomicReferenceArray<Counter> byAction = new AtomicReferenceArray<>(PolicyAction.values().length);

        private EndpointDecisions(AccountUrl endpoint) {
            this.endpoint = endpoint;
        }

        void count(PolicyAction action) {
            Counter counter = byAction.get(action.ordinal());
            if (counter == null) {
                // Registering is idempotent: two threads racing here get the same counter.
                counter = Counter.builder(DECISIONS)
                        .description("Traffic-policy decisions, by endpoint and by what the endpoint's policy decided"
                                + " (allow, forward_internal, or why it closed)")
                        .tag("account", endpoint.account())
                        .tag("endpoint", endpoint.url())
                        .tag("action", action.label())
                        .register(registry);
                byAction.set(action.ordinal(), counter);
            }
            counter.increment();
        }
    }

    private static final String BYTES_IN = "portway.edge.bytes.in";
    private static final String BYTES_OUT = "portway.edge.bytes.out";
    private static final String DECISIONS = "portway.edge.policy.decisions";

    private final MeterRegistry registry;
    private final AtomicLong connectionsOpen = new AtomicLong();
    private final AtomicInteger listeners = new AtomicInteger();
    private final Counter connections;
    private final Counter refused;
    private final Counter agentDialTimeouts;
    private final Counter closedPolicyEngineUnavailable;
    private final AtomicInteger policyEngineUp = new AtomicInteger();
    private final AtomicInteger endpointsNotPooled = new AtomicInteger();
    private final ConcurrentMap<AccountUrl, EndpointDecisions> decisionsByUrl = new ConcurrentHashMap<>();
    // Holds the adders strongly: function counters only keep weak references.
    private final ConcurrentMap<AccountUrl, EndpointTraffic> trafficByUrl = new ConcurrentHashMap<>();

    public EdgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("portway.edge.connections.open", connectionsOpen, AtomicLong::get)
                .description("Client connections open on this edge")
                .register(registry);
        Gauge.builder("portway.edge.listeners", listeners, AtomicInteger::get)
                .description("Addresses this edge is listening on")
                .register(registry);
        connections = Counter.builder("portway.edge.connections")
                .description("Client connections accepted")
                .register(registry);
        refused = Counter.builder("portway.edge.connections.refused")
                .description("Client connections closed without being carried: no online endpoint, closed by a traffic"
                        + " policy, policy-engine unavailable, the bridge did not open the connection, the agent did not"
                        + " dial in in time or could not reach its upstream")
                .register(registry);
        agentDialTimeouts = Counter.builder("portway.edge.agent.dial.timeouts")
                .description("Client connections reset because the endpoint's agent did not dial in within agent-dial-timeout")
                .register(registry);
        closedPolicyEngineUnavailable = Counter.builder("portway.edge.policy.engine.unavailable.closes")
                .description("Client connections closed because the edge was not in sync with the policy-engine"
                        + " (no snapshot yet, or its watch broke and has not re-synced): the edge fails closed")
                .register(registry);
        Gauge.builder("portway.edge.policy.engine.up", policyEngineUp, AtomicInteger::get)
                .description("1 while the edge is in sync with the policy-engine's cloud endpoints, 0 while it fails closed")
                .register(registry);
        Gauge.builder("portway.edge.endpoints.not.pooled", endpointsNotPooled, AtomicInteger::get)
                .description("Endpoints that get no connections because they share a URL with others and not all of"
                        + " them enabled pooling (only the earliest is served)")
                .register(registry);
    }

    /** Reports how many agents keep a link to this edge. */
    void agentLinks(IntSupplier count) {
        Gauge.builder("portway.edge.agent.links", count, c -> c.getAsInt())
                .strongReference(true) // a gauge holds its object weakly, and nothing else holds this lambda
                .description("Agent links to this edge (one per agent session that sent it a client): their clients"
                        + " cost a stream, not a call to the bridge and a new TCP connection")
                .register(registry);
    }

    /** Counts the event lines the writer dropped because its queue was full. */
    void eventsDropped(EventLogWriter writer) {
        FunctionCounter.builder("portway.edge.events.dropped", writer, EventLogWriter::dropped)
                .description("Event lines (tcp_connection_closed, policy_log) dropped because the event log was slower"
                        + " than the events came; the data path never waits for its log")
                .register(registry);
    }

    void connectionOpened() {
        connections.increment();
        connectionsOpen.incrementAndGet();
    }

    void connectionClosed() {
        connectionsOpen.decrementAndGet();
    }

    void connectionRefused() {
        refused.increment();
    }

    void agentDialTimedOut() {
        agentDialTimeouts.increment();
    }

    void closedPolicyEngineUnavailable() {
        closedPolicyEngineUnavailable.increment();
    }

    void policyEngineUp(boolean up) {
        policyEngineUp.set(up ? 1 : 0);
    }

    void endpointsNotPooled(int count) {
        endpointsNotPooled.set(count);
    }

    /**
     * Counts each policy decision of the connection's chain under its own endpoint (the entry, then each
     * internal endpoint forwarded to); an invalid policy counts as {@code policy_invalid} under the entry.
     * Nothing is counted when no policy could run (no endpoint, policy-engine unavailable).
     */
    void countDecisions(Admission admission) {
        if (admission.decision() != null) {
            // A chain never leaves the entry's account: policies forward only to their own account's endpoints.
            String account = admission.entry().account();
            for (var at = admission.decision(); at != null; at = at.next()) {
                decisionsOf(new AccountUrl(account, at.endpointUrl())).count(PolicyAction.of(at));
            }
        } else if (admission instanceof Admission.Refuse refuse
                && PolicyAction.POLICY_INVALID.label().equals(refuse.reason())) {
            decisionsOf(refuse.entry().accountUrl()).count(PolicyAction.POLICY_INVALID);
        }
    }

    private EndpointDecisions decisionsOf(AccountUrl endpoint) {
        EndpointDecisions decisions = decisionsByUrl.get(endpoint);
        return decisions != null ? decisions : decisionsByUrl.computeIfAbsent(endpoint, EndpointDecisions::new);
    }

    void listenersBound(int count) {
        listeners.set(count);
    }

    /** The counters of this endpoint; fetch once per connection. */
    EndpointTraffic trafficOf(AccountUrl endpoint) {
        return trafficByUrl.computeIfAbsent(endpoint, this::register);
    }

    private EndpointTraffic register(AccountUrl endpoint) {
        EndpointTraffic traffic = new EndpointTraffic(new LongAdder(), new LongAdder());
        FunctionCounter.builder(BYTES_IN, traffic.in(), LongAdder::sum)
                .description("Bytes from clients towards the endpoint's agent")
                .tag("account", endpoint.account())
                .tag("endpoint", endpoint.url())
                .register(registry);
        FunctionCounter.builder(BYTES_OUT, traffic.out(), LongAdder::sum)
                .description("Bytes from the endpoint's agent back to clients")
                .tag("account", endpoint.account())
                .tag("endpoint", endpoint.url())
                .register(registry);
        return traffic;
    }

    /**
     * Removes the byte and decision series of every endpoint URL not in {@code liveUrls}; on the control thread,
     * after each change of the routes. An endpoint that comes back starts its counters at zero again, a counter
     * reset that Prometheus's {@code rate()} and {@code increase()} expect. Bytes of its connections still
     * closing meanwhile are not counted any more.
     */
    void retainEndpoints(Set<AccountUrl> liveUrls) {
        retain(trafficByUrl, liveUrls, BYTES_IN, BYTES_OUT);
        retain(decisionsByUrl, liveUrls, DECISIONS);
    }

    private void retain(ConcurrentMap<AccountUrl, ?> byUrl, Set<AccountUrl> liveUrls, String... names) {
        for (AccountUrl endpoint : byUrl.keySet()) {
            if (!liveUrls.contains(endpoint)) {
                byUrl.remove(endpoint);
                removeSeries(endpoint, names);
            }
        }
    }

    private void removeSeries(AccountUrl endpoint, String... names) {
        for (String name : names) {
            registry.find(name).tag("account", endpoint.account()).tag("endpoint", endpoint.url()).meters()
                    .forEach(registry::remove);
        }
    }
}
