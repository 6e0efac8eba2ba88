package dev.portway.policy;

import java.util.Map;

/**
 * A structured event emitted while evaluating: by a {@code log} action, by a non-enforcing {@code restrict-ips}
 * that would have closed the connection, or for a CEL expression that failed at run time.
 *
 * @param kind        what emitted it
 * @param policyId    the id the policy was compiled with
 * @param phase       the phase the rule was written under
 * @param ruleIndex   the rule's index within its phase
 * @param ruleName    the rule's name (may be empty)
 * @param actionIndex the action's index within the rule; -1 for an expression of the rule itself
 * @param metadata    the event's fields, interpolations done (insertion-ordered)
 */
public record LogEvent(Kind kind, String policyId, String phase, int ruleIndex, String ruleName, int actionIndex,
        Map<String, String> metadata) {

    /** What emitted an event. */
    public enum Kind {
        /** A {@code log} action; metadata as configured. */
        LOG,
        /** restrict-ips with {@code enforce: false} would have closed: client_ip, reason. */
        RESTRICT_IPS_NOT_ENFORCED,
        /** A CEL expression failed at run time (e.g. a var never set): field, error. Expressions count as false. */
        EXPRESSION_ERROR
    }
}
