package dev.portway.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10), () -> 0.999999);

    @Test
    void shouldDoubleTheLongestWaitPerAttemptUpToTheMaximum() {
        // Given 250 ms doubling to 10 s
        // When attempts grow
        // Then the cap doubles and stops at the maximum, even for huge attempt numbers
        assertEquals(Duration.ofMillis(250), backoff.cap(1));
        assertEquals(Duration.ofMillis(500), backoff.cap(2));
        assertEquals(Duration.ofMillis(8000), backoff.cap(6));
        assertEquals(Duration.ofSeconds(10), backoff.cap(7));
        assertEquals(Duration.ofSeconds(10), backoff.cap(Integer.MAX_VALUE));
    }

    @Test
    void shouldWaitAnywhereBetweenZeroAndTheCap() {
        // Given random draws at both ends of [0, 1)
        Backoff low = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10), () -> 0.0);

        // When a delay is drawn
        // Then it spans the full range (full jitter)
        assertEquals(Duration.ZERO, low.delay(3));
        assertEquals(Duration.ofMillis(1000), backoff.delay(3));
    }

    @Test
    void shouldRefuseMaximumBelowInitial() {
        // Given / When / Then
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
