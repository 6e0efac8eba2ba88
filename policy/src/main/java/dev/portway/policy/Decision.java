package dev.portway.policy;

import java.util.List;
import java.util.Map;

/**
 * What a policy decided for one connection.
 * <ul>
 * <li>{@link Outcome#ALLOW}: send it to the endpoint's own upstream (the agent bound to it).</li>
 * <li>{@link Outcome#FORWARD_INTERNAL}: hand it to the internal endpoint {@link #forwardUrl()}; {@link #next()}
 * is what that endpoint's own policy decided (ALLOW to its upstream, another forward, or CLOSE).</li>
 * <li>{@link Outcome#CLOSE}: close it now, for {@link #closeReason()}.</li>
 * </ul>
 * Use {@link #terminal()} for where the connection finally goes.
 *
 * @param outcome     the outcome of this policy
 * @param policyId    the policy that decided ("" for an endpoint without a policy)
 * @param endpointUrl the endpoint this decision is for
 * @param forwardUrl  FORWARD_INTERNAL: the internal endpoint's URL; else empty
 * @param next        FORWARD_INTERNAL: the target's decision; else null
 * @param closeReason CLOSE: why; else null
 * @param detail      CLOSE: a human-readable explanation (which rule, which CIDR...); else empty
 * @param vars        the vars this policy set (set-vars), by name
 * @param events      the events this policy emitted, in order
 */
public record Decision(Outcome outcome, String policyId, String endpointUrl, String forwardUrl, Decision next,
        CloseReason closeReason, String detail, Map<String, Object> vars, List<LogEvent> events) {

    /** The outcome of one policy. */
    public enum Outcome { ALLOW, FORWARD_INTERNAL, CLOSE }

    /** The last decision of the forward chain: ALLOW (to that endpoint's upstream) or CLOSE. */
    public Decision terminal() {
        Decision at = this;
        while (at.next != null) {
            at = at.next;
        }
        return at;
    }

    /** Whether the connection is closed, by this policy or by a forward target's. */
    public boolean closes() {
        return terminal().outcome == Outcome.CLOSE;
    }

    /** Every event of the chain, this policy's first. */
    public List<LogEvent> allEvents() {
        if (next == null) {
            return events;
        }
        java.util.ArrayList<LogEvent> all = new java.util.ArrayList<>(events);
        all.addAll(next.allEvents());
        return List.copyOf(all);
    }

    /** A var's (or any CEL value's) text: ints as digits, bools as true/false, timestamps as ISO-8601. */
    public static String text(Object value) {
        return dev.portway.policy.internal.Template.format(value);
    }

    @Override
    public String toString() {
        return switch (outcome) {
            case ALLOW -> "ALLOW(" + endpointUrl + ")";
            case FORWARD_INTERNAL -> "FORWARD_INTERNAL(" + forwardUrl + ") -> " + next;
            case CLOSE -> "CLOSE(" + closeReason + ": " + detail + ")";
        };
    }
}
