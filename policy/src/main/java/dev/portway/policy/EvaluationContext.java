package dev.portway.policy;

import java.time.Clock;
import java.util.Objects;

/**
 * What an evaluation may use besides the connection: internal endpoints, the time, the rate limiter.
 * Build one per account (the resolver is per account) and reuse it for every connection; it is immutable.
 *
 * @param resolver        internal endpoints of the account, for forward-internal
 * @param clock           {@code time.now} and rate-limit windows
 * @param rateLimiter     the buckets of rate-limit actions (shared by every policy that uses this context)
 * @param maxForwardDepth how many forward-internal hops one connection may take before it is closed
 *                        ({@link CloseReason#FORWARD_TOO_DEEP}); guards against forward loops
 */
public record EvaluationContext(InternalEndpointResolver resolver, Clock clock, RateLimiter rateLimiter,
        int maxForwardDepth) {

    public static final int DEFAULT_MAX_FORWARD_DEPTH = 4;

    public EvaluationContext {
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
        if (maxForwardDepth < 0) {
            throw new IllegalArgumentException("maxForwardDepth must be >= 0, got " + maxForwardDepth);
        }
    }

    public EvaluationContext(InternalEndpointResolver resolver, Clock clock, RateLimiter rateLimiter) {
        this(resolver, clock, rateLimiter, DEFAULT_MAX_FORWARD_DEPTH);
    }

    /** No internal endpoints, the system clock, a fresh default rate limiter. */
    public static EvaluationContext standalone() {
        return new EvaluationContext(InternalEndpointResolver.NONE, Clock.systemUTC(), new RateLimiter());
    }
}
