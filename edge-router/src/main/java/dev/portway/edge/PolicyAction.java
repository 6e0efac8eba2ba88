package dev.portway.edge;

import dev.portway.policy.CloseReason;
import dev.portway.policy.Decision;

/**
 * What one policy of a connection's chain decided, as metrics and events name it: {@code allow},
 * {@code forward_internal}, or why it closed ({@code deny}, {@code restrict_ips}, {@code rate_limit}...).
 * {@code policy_invalid} is the edge's own: the endpoint's policy did not compile here.
 */
enum PolicyAction {
    ALLOW("allow"),
    FORWARD_INTERNAL("forward_internal"),
    DENY("deny"),
    CLOSE_CONNECTION("close_connection"),
    RESTRICT_IPS("restrict_ips"),
    RATE_LIMIT("rate_limit"),
    FORWARD_TARGET_OFFLINE("forward_target_offline"),
    FORWARD_TARGET_INVALID("forward_target_invalid"),
    FORWARD_TOO_DEEP("forward_too_deep"),
    NO_ROUTE("no_route"),
    POLICY_INVALID("policy_invalid");

    private final String label;

    PolicyAction(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The action of one link of a decision chain (not of the chain's end: see {@link Decision#terminal()}). */
    static PolicyAction of(Decision decision) {
        return switch (decision.outcome()) {
            case ALLOW -> ALLOW;
            case FORWARD_INTERNAL -> FORWARD_INTERNAL;
            case CLOSE -> of(decision.closeReason());
        };
    }

    static PolicyAction of(CloseReason reason) {
        if (reason == null) {
            return NO_ROUTE;
        }
        return switch (reason) {
            case DENIED -> DENY;
            case CLOSE_CONNECTION -> CLOSE_CONNECTION;
            case RESTRICT_IPS -> RESTRICT_IPS;
            case RATE_LIMITED -> RATE_LIMIT;
            case FORWARD_TARGET_OFFLINE -> FORWARD_TARGET_OFFLINE;
            case FORWARD_TARGET_INVALID -> FORWARD_TARGET_INVALID;
            case FORWARD_TOO_DEEP -> FORWARD_TOO_DEEP;
            case NO_ROUTE -> NO_ROUTE;
        };
    }
}
