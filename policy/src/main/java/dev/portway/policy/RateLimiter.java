package dev.portway.policy;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * In-memory token buckets for {@code rate-limit} actions, keyed by policy id, rule, action and bucket key.
 * A bucket holds {@code capacity} tokens and refills {@code capacity} per window, continuously; each new
 * connection takes one token. Thread-safe.
 * <p>
 * Bounded: when more than {@code maxBuckets} exist, buckets that have refilled completely are dropped (a full
 * bucket behaves exactly like a missing one, so this changes no decision). If that is not enough (a flood of
 * distinct keys, all active), arbitrary buckets are dropped down to 90% of the bound: those keys start again
 * with a full bucket, so the limiter errs on letting connections through rather than on growing.
 */
public final class RateLimiter {

    public static final int DEFAULT_MAX_BUCKETS = 100_000;

    private static final class Bucket {
        private double tokens;
        private long lastMillis;
        private final long capacity;
        private final long windowMillis;

        Bucket(long capacity, long windowMillis, long now) {
            this.capacity = capacity;
            this.windowMillis = windowMillis;
            this.tokens = capacity;
            this.lastMillis = now;
        }

        synchronized boolean tryTake(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            long elapsed = now - lastMillis;
            if (elapsed > 0) {
                tokens = Math.min(capacity, tokens + (double) elapsed * capacity / windowMillis);
                lastMillis = now;
            }
        }
    }

    private final int maxBuckets;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    public RateLimiter() {
        this(DEFAULT_MAX_BUCKETS);
    }

    public RateLimiter(int maxBuckets) {
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("maxBuckets must be at least 1, got " + maxBuckets);
        }
        this.maxBuckets = maxBuckets;
    }

    /**
     * Takes one token of the bucket {@code key}, creating it full if absent.
     *
     * @param key          policy id, rule, action and bucket key, as the evaluator builds it
     * @param capacity     tokens of a full bucket (at least 1)
     * @param windowMillis time to refill a whole bucket (at least 1)
     * @param nowMillis    the current time of the evaluation's clock
     * @return false when the bucket is empty: the connection is over the limit
     */
    public boolean tryAcquire(String key, long capacity, long windowMillis, long nowMillis) {
        Bucket bucket = buckets.get(key);
        if (bucket == null || bucket.capacity != capacity || bucket.windowMillis != windowMillis) {
            // New key, or the policy changed its limit: start from a full bucket with the new settings.
            bucket = new Bucket(capacity, Math.max(1, windowMillis), nowMillis);
            buckets.put(key, bucket);
            // Take before evicting: a bucket just taken from is not full, so the sweep keeps it.
            boolean taken = bucket.tryTake(nowMillis);
            if (buckets.size() > maxBuckets) {
                evict(nowMillis);
            }
            return taken;
        }
        return bucket.tryTake(nowMillis);
    }

    /** How many buckets are held now. */
    public int size() {
        return buckets.size();
    }

    private void evict(long nowMillis) {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            buckets.values().removeIf(bucket -> bucket.isFull(nowMillis));
            int target = Math.max(1, maxBuckets * 9 / 10);
            Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator();
            while (buckets.size() > target && it.hasNext()) {
                it.next();
                it.remove();
            }
        } finally {
            sweeping.set(false);
        }
    }
}
