package dev.portway.edge;

import dev.portway.policy.Decision;
import java.util.List;

/**
 * What the edge does with one accepted client, decided before any byte is relayed: carry it to an agent
 * endpoint ({@link Route}), or close it at once ({@link Refuse}).
 */
sealed interface Admission permits Admission.Route, Admission.Refuse {

    /** The client arrived on no served address. */
    String NO_ENDPOINT = "no_endpoint";
    /** The policy-engine's watch is not in sync: the edge fails closed. */
    String POLICY_ENGINE_UNAVAILABLE = "policy_engine_unavailable";

    /** The endpoint the client connected to (picked from its pool); null when there is none. */
    RouteMember entry();

    /** The policy chain's decision; null when no policy ran (no endpoint, policy-engine unavailable, invalid policy). */
    Decision decision();

    /** The internal endpoints the chain forwarded to, in order (link {@code i+1} of the decision is hop {@code i}). */
    List<RouteMember> hops();

    /**
     * Carry the client to {@code target}: the entry itself (ALLOW), or the internal endpoint a forward-internal
     * resolved to (always an agent endpoint).
     */
    record Route(RouteMember entry, RouteMember target, Decision decision, List<RouteMember> hops)
            implements Admission {}

    /**
     * Close the client now.
     *
     * @param reason a {@link PolicyAction} label of the chain's end ({@code deny}, {@code restrict_ips}...),
     *               {@link #NO_ENDPOINT} or {@link #POLICY_ENGINE_UNAVAILABLE}
     * @param detail in words: which rule, which CIDR, the compiler's error...
     */
    record Refuse(RouteMember entry, String reason, String detail, Decision decision, List<RouteMember> hops)
            implements Admission {}
}
