package dev.portway.policy;

/** Why a decision closes the connection. */
public enum CloseReason {
    /** A {@code deny} action. */
    DENIED,
    /** A {@code close-connection} action. */
    CLOSE_CONNECTION,
    /** {@code restrict-ips} (enforced) did not allow the client IP. */
    RESTRICT_IPS,
    /** {@code rate-limit}: the bucket had no capacity left. */
    RATE_LIMITED,
    /** {@code forward-internal} (on_error: halt): the target is unknown or offline. */
    FORWARD_TARGET_OFFLINE,
    /** {@code forward-internal} (on_error: halt): the interpolated URL is not {@code tcp://name.internal:port}. */
    FORWARD_TARGET_INVALID,
    /** {@code forward-internal}: the chain of forwards is longer than the context's max depth (a loop?). */
    FORWARD_TOO_DEEP,
    /** A cloud endpoint's policy ran out of actions without a decision (cannot happen for validated policies). */
    NO_ROUTE
}
