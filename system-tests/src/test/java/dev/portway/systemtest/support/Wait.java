package dev.portway.systemtest.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waiting for conditions that other processes make true. */
public final class Wait {

    private Wait() {}

    /** Polls until {@code condition} holds; fails with {@code what} after {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting until " + what);
            }
            sleep(50);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
