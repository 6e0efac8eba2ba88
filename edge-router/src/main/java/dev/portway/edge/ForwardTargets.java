package dev.portway.edge;

import dev.portway.policy.InternalEndpointResolver;
import dev.portway.policy.InternalTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * The resolver of ONE connection's evaluation: answers forward-internal with the internal endpoints of the
 * policy's account only, picks the member of a pooled internal URL at random, and remembers every member it
 * handed out, so the connection then goes to exactly the member whose policy decided it. Answers from memory.
 */
final class ForwardTargets implements InternalEndpointResolver {

    private final InternalEndpoints endpoints;
    private final IntUnaryOperator random;
    /** Most policies never forward: the list is made on the first forward only. */
    private List<RouteMember> chosen = List.of();

    ForwardTargets(InternalEndpoints endpoints, IntUnaryOperator random) {
        this.endpoints = endpoints;
        this.random = random;
    }

    @Override
    public Optional<InternalTarget> resolve(String url) {
        Pool pool = endpoints.pool(url);
        if (pool == null) {
            return Optional.empty();
        }
        RouteMember member = pool.pick(random);
        Optional<InternalTarget> target = member.asForwardTarget();
        if (target.get().online()) {
            if (chosen.isEmpty()) {
                chosen = new ArrayList<>(2);
            }
            chosen.add(member);
        }
        return target;
    }

    /** The members handed out, in order: the chain's forward hops. */
    List<RouteMember> hops() {
        return chosen;
    }

    /** The last member handed out: where an ALLOW at the end of a forward chain goes; null if none. */
    RouteMember last() {
        return chosen.isEmpty() ? null : chosen.get(chosen.size() - 1);
    }
}
