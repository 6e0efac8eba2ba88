package dev.portway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesPerFailureUpToTheMaximum() {
        // Given no jitter (the random source always says "the whole ceiling")
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), () -> 0.999_999);

        // Then delays double and stop at the maximum
        assertEquals(249, backoff.delayMillis(0), 1);
        assertEquals(499, backoff.delayMillis(1), 1);
        assertEquals(999, backoff.delayMillis(2), 1);
        assertEquals(4999, backoff.delayMillis(5), 1);
        assertEquals(4999, backoff.delayMillis(500), 1);
    }

    @Test
    void jitterKeepsAtLeastHalfOfTheCeiling() {
        // Given the random source at its lowest
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), () -> 0.0);

        // Then each delay is half its ceiling, never zero
        assertEquals(125, backoff.delayMillis(0));
        assertEquals(2500, backoff.delayMillis(10));
    }
}
