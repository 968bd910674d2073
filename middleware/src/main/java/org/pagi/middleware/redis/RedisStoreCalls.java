package org.pagi.middleware.redis;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * How the session and rate-limit stores run one Redis command: never blocking the caller, every failure (rejected
 * while disconnected, timed out, refused by Redis) turned into a {@link RedisUnavailableException} naming the
 * address, and the outcome handed to a virtual thread. Without that hand-off the request would continue on the
 * client's I/O thread, where a slow or blocking application would stall every other Redis reply.
 */
final class RedisStoreCalls {
    private static final Executor HANDOFF = task -> Thread.ofVirtual().name("pagi-redis-store").start(task);

    private RedisStoreCalls() {
    }

    /**
     * @param redis   the connection, for the address in messages
     * @param command starts the command (may throw when the client refuses it at once)
     * @return the command's outcome, completed on a virtual thread
     */
    static <T> CompletionStage<T> call(Redis redis, Supplier<? extends CompletionStage<T>> command) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletionStage<T> started;
        try {
            started = command.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(unavailable(redis, e));
        }
        started.whenComplete((value, failure) -> HANDOFF.execute(() -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(unavailable(redis, failure));
            }
        }));
        return result;
    }

    /** Checks a store builder's {@code prefix} option: present and not empty. */
    static String prefix(String value) {
        Objects.requireNonNull(value, "prefix");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("prefix must not be empty");
        }
        return value;
    }

    /** Checks a store builder's {@code redis} option was given. */
    static void requireRedis(Redis redis) {
        if (redis == null) {
            throw new IllegalArgumentException("redis is required");
        }
    }

    private static RedisUnavailableException unavailable(Redis redis, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof RedisUnavailableException known ? known
                : new RedisUnavailableException("Redis at " + redis.address() + " failed: "
                        + Redis.rootMessage(cause), cause);
    }
}
