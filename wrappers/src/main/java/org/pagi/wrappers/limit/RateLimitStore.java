package org.pagi.wrappers.limit;

/**
 * Where a rate limiter (the {@code RateLimit} middleware, the {@code Throttle} app) keeps one token bucket state per key. {@link #take} must be atomic per key: two
 * concurrent requests with the same key never both take the last token. An external store (Redis, a database)
 * implements the same contract with a script or a compare-and-set.
 */
public interface RateLimitStore {

    /**
     * Takes one token from {@code key}'s bucket atomically and stores the new state.
     *
     * @param key the client's key
     * @param bucket the policy: capacity and refill interval
     * @param nowNanos the current time in nanoseconds since the epoch
     * @return the decision
     */
    TokenBucket.Take take(String key, TokenBucket bucket, long nowNanos);

    /**
     * An in-memory store holding at most {@code maxKeys} keys; a full table forgets its least recently used key
     * (that client starts again with a full bucket), so memory stays bounded whatever clients do.
     *
     * @throws IllegalArgumentException naming {@code maxKeys} when it is below 1
     */
    static RateLimitStore inMemory(int maxKeys) {
        return new InMemoryRateLimitStore(maxKeys);
    }
}
