package org.pagi.wrappers.limit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a rate limiter (the {@code RateLimit} middleware, the {@code Throttle} app) keeps one token bucket state
 * per key. {@link #take} must be atomic per key: two concurrent requests with the same key never both take the
 * last token. An external store (Redis, a database) implements the same contract with a script or a
 * compare-and-set, and overrides {@link #takeAsync} so that the round trip does not block the server's loop: the
 * limiters call only {@link #takeAsync}.
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
     * {@link #take} without blocking the caller; by default it runs {@link #take} at once (right for a store in
     * memory). A stage that fails means the store could not decide: the limiter applies its {@link StoreFailure}.
     *
     * @param key the client's key
     * @param bucket the policy: capacity and refill interval
     * @param nowNanos the current time in nanoseconds since the epoch
     * @return the decision, once the store has made it
     */
    default CompletionStage<TokenBucket.Take> takeAsync(String key, TokenBucket bucket, long nowNanos) {
        try {
            return CompletableFuture.completedFuture(take(key, bucket, nowNanos));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

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
