package dev.portway.agent;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: attempt n waits a random time in [0, min(max, initial *
 * 2^(n-1))]. Full jitter spreads a fleet of agents reconnecting to a restarted bridge.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max) {
        this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random values in [0, 1) */
    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff: expected 0 < initial <= max, got initial " + initial
                    + ", max " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The longest wait for {@code attempt} (1-based). */
    Duration cap(int attempt) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 30);
        long cap = initialMillis << doublings;
        return Duration.ofMillis(cap <= 0 || cap > maxMillis ? maxMillis : cap);
    }

    /** A random wait for {@code attempt} (1-based). */
    Duration delay(int attempt) {
        return Duration.ofMillis((long) (random.getAsDouble() * (cap(attempt).toMillis() + 1)));
    }
}
