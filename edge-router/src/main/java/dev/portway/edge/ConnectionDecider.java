package dev.portway.edge;

import dev.portway.policy.ConnectionFacts;
import dev.portway.policy.Decision;
import dev.portway.policy.EvaluationContext;
import dev.portway.policy.RateLimiter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;

/**
 * Decides one accepted client from the routes snapshot, the listener it arrived on and the facts of its
 * connection: which member of the URL's pool takes it, what that member's policy (and the policies of the
 * internal endpoints it forwards to) decide, and so which agent endpoint carries it, or why it is closed.
 *
 * <p>Pure computation (no I/O, no locks but a rate-limit bucket's), run on the client's event loop. Thread-safe:
 * everything per connection lives in the {@link ForwardTargets} and {@link EvaluationContext} it makes.
 */
final class ConnectionDecider {

    /** Uniform over the members of a pool. */
    static final IntUnaryOperator UNIFORM = bound -> ThreadLocalRandom.current().nextInt(bound);

    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final IntUnaryOperator random;

    /**
     * @param rateLimiter shared by every connection of the edge (buckets are keyed by policy id, rule and key)
     * @param clock       {@code time.now} and rate-limit windows
     * @param random      picks pool members: an index in {@code [0, bound)}
     */
    ConnectionDecider(RateLimiter rateLimiter, Clock clock, IntUnaryOperator random) {
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.random = random;
    }

    Admission decide(Routes routes, BindAddress arrivedOn, ConnectionFacts connection) {
        Listener listener = routes.listenerAt(arrivedOn);
        if (listener == null) {
            return new Admission.Refuse(null, Admission.NO_ENDPOINT, "no online endpoint on " + arrivedOn, null,
                    List.of());
        }
        RouteMember entry = listener.pool().pick(random);
        if (!routes.policiesLive()) {
            return new Admission.Refuse(entry, Admission.POLICY_ENGINE_UNAVAILABLE,
                    "the edge is not in sync with the policy-engine: it closes every new connection until it is",
                    null, List.of());
        }
        return decide(routes, entry, connection);
    }

    private Admission decide(Routes routes, RouteMember entry, ConnectionFacts connection) {
        EndpointPolicy policy = entry.policy();
        if (policy instanceof EndpointPolicy.Invalid invalid) {
            return new Admission.Refuse(entry, PolicyAction.POLICY_INVALID.label(),
                    "the endpoint's traffic policy does not compile on this edge: " + invalid.error(), null, List.of());
        }
        if (!(policy instanceof EndpointPolicy.Compiled compiled)) {
            // No policy: only an agent endpoint can be without one (a cloud endpoint's is required).
            return entry.isCloud()
                    ? new Admission.Refuse(entry, PolicyAction.NO_ROUTE.label(), "a cloud endpoint without a policy",
                            null, List.of())
                    : new Admission.Route(entry, entry, entry.allowWithoutPolicy(), List.of());
        }
        ForwardTargets targets = new ForwardTargets(routes.internalOf(entry.account()), random);
        Decision decision = compiled.policy().evaluate(connection, entry.facts(),
                new EvaluationContext(targets, clock, rateLimiter, EvaluationContext.DEFAULT_MAX_FORWARD_DEPTH));
        Decision end = decision.terminal();
        if (end.outcome() == Decision.Outcome.CLOSE) {
            return new Admission.Refuse(entry, PolicyAction.of(end.closeReason()).label(), end.detail(), decision,
                    targets.hops());
        }
        RouteMember target = decision.outcome() == Decision.Outcome.ALLOW ? entry : targets.last();
        if (target == null || target.isCloud() || !target.url().equals(end.endpointUrl())) {
            // Cannot happen with the library's contract (ALLOW only for agent policies; the last hop handed out
            // is where the chain ends); closing is the safe answer if it ever does.
            return new Admission.Refuse(entry, PolicyAction.NO_ROUTE.label(), "the decision " + decision
                    + " names no agent endpoint this edge knows", decision, targets.hops());
        }
        return new Admission.Route(entry, target, decision, targets.hops());
    }
}
