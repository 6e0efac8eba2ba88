package dev.portway.policy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    @Test
    void shouldDropRefilledBucketsFirstWhenOverItsBound() {
        // Given a limiter of 10 buckets, 5 of which are busy (a token taken out of capacity 1)
        RateLimiter limiter = new RateLimiter(10);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("idle-" + i, 1, 1_000, 0);
        }
        // When the idle ones have refilled and new keys arrive
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("busy-" + i, 1, 1_000_000, 5_000);
        }

        // Then the refilled buckets were dropped, the busy ones kept their state
        assertTrue(limiter.size() <= 10, "size " + limiter.size());
        for (int i = 0; i < 5; i++) {
            assertFalse(limiter.tryAcquire("busy-" + i, 1, 1_000_000, 5_000), "busy-" + i + " must still be empty");
        }
    }

    @Test
    void shouldStayBoundedUnderAFloodOfActiveKeys() {
        // Given
        RateLimiter limiter = new RateLimiter(100);

        // When
        for (int i = 0; i < 10_000; i++) {
            limiter.tryAcquire("key-" + i, 1, 3_600_000, 0);
        }

        // Then
        assertTrue(limiter.size() <= 100, "size " + limiter.size());
    }

    @Test
    void shouldStartAFreshBucketWhenTheLimitChanges() {
        // Given an exhausted bucket of capacity 1
        RateLimiter limiter = new RateLimiter();
        assertTrue(limiter.tryAcquire("k", 1, 60_000, 0));
        assertFalse(limiter.tryAcquire("k", 1, 60_000, 0));

        // When the policy now says capacity 3
        // Then
        assertTrue(limiter.tryAcquire("k", 3, 60_000, 0));
        assertEquals(1, limiter.size());
    }
}
