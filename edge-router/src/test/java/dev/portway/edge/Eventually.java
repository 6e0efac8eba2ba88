package dev.portway.edge;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;

/**
 * Waits for something that happens asynchronously. The deadline only bounds a broken test; no
 * assertion depends on how fast anything happens.
 */
final class Eventually {

    private static final long DEADLINE_MILLIS = 30_000;

    private Eventually() {}

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("gave up waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting until " + what);
            }
        }
    }
}
