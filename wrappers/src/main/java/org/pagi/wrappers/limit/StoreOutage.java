package org.pagi.wrappers.limit;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tracks whether a limiter's store is failing, so that an outage is logged twice (when it starts, with the cause,
 * and when the store answers again) however many requests it touches. Thread-safe.
 */
public final class StoreOutage {

    private final String limiter;
    private final System.Logger logger;
    private final StoreFailure policy;
    private final AtomicBoolean down = new AtomicBoolean();

    /**
     * @param limiter names the limiter in the log lines
     * @param logger  where the two lines go
     * @param policy  the policy the lines mention
     */
    public StoreOutage(String limiter, System.Logger logger, StoreFailure policy) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.logger = Objects.requireNonNull(logger, "logger");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** @return the policy requests follow while the store fails */
    public StoreFailure policy() {
        return policy;
    }

    /**
     * Asks {@code store} for a decision and records whether it answered.
     *
     * @param store    the store
     * @param key      the client's key
     * @param bucket   the policy
     * @param nowNanos the current time in nanoseconds since the epoch
     * @return the decision, or empty when the store failed (the limiter then applies {@link #policy()}); never a
     *         failed stage
     */
    public CompletionStage<Optional<TokenBucket.Take>> decide(RateLimitStore store, String key, TokenBucket bucket,
            long nowNanos) {
        CompletionStage<TokenBucket.Take> decision;
        try {
            decision = store.takeAsync(key, bucket, nowNanos);
        } catch (RuntimeException e) {
            decision = CompletableFuture.failedFuture(e);
        }
        return decision.handle((take, failure) -> {
            if (failure != null || take == null) {
                failed(failure != null ? failure : new IllegalStateException("the store answered no decision"));
                return Optional.empty();
            }
            answered();
            return Optional.of(take);
        });
    }

    /** @return whether the last decision failed */
    public boolean isDown() {
        return down.get();
    }

    /**
     * Records a failed decision; logs a warning if it starts an outage.
     *
     * @param failure what the store reported
     */
    public void failed(Throwable failure) {
        if (down.compareAndSet(false, true)) {
            logger.log(System.Logger.Level.WARNING, limiter + ": rate-limit store failing, requests "
                    + (policy == StoreFailure.FAIL_OPEN ? "admitted without a limit (FAIL_OPEN)"
                            : "answered 503 (FAIL_CLOSED)") + " until it answers again: " + message(failure));
        }
    }

    /** Records a decision the store made; logs the end of an outage if one was on. */
    public void answered() {
        if (down.get() && down.compareAndSet(true, false)) {
            logger.log(System.Logger.Level.INFO, limiter + ": rate-limit store answers again");
        }
    }

    private static String message(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    }
}
