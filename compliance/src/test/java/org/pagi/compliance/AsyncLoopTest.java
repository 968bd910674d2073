package org.pagi.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link AsyncLoop} runs rounds one at a time, in constant stack, and fails as its first failing round. */
class AsyncLoopTest {

    @Test
    void runsAMillionRoundsThatCompleteAtOnceWithoutGrowingTheStack() {
        AtomicInteger rounds = new AtomicInteger();
        AsyncLoop.repeat(() -> CompletableFuture.completedFuture(rounds.incrementAndGet() < 1_000_000))
                .toCompletableFuture().join();
        assertEquals(1_000_000, rounds.get());
    }

    @Test
    void runsRoundsThatCompleteLaterOneAfterAnother() {
        Executor later = CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS);
        AtomicInteger rounds = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AsyncLoop.repeat(() -> {
            assertEquals(1, running.incrementAndGet(), "rounds overlapped");
            return CompletableFuture.supplyAsync(() -> {
                running.decrementAndGet();
                return rounds.incrementAndGet() < 20;
            }, later);
        }).toCompletableFuture().join();
        assertEquals(20, rounds.get());
    }

    @Test
    void failsAsTheFirstFailingRound() {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicInteger rounds = new AtomicInteger();
        CompletableFuture<Void> loop = AsyncLoop.repeat(() -> rounds.incrementAndGet() < 3
                ? CompletableFuture.completedFuture(true)
                : CompletableFuture.<Boolean>failedFuture(boom)).toCompletableFuture();
        CompletionException e = assertThrows(CompletionException.class, loop::join);
        assertSame(boom, e.getCause());
        assertEquals(3, rounds.get());
    }

    @Test
    void failsWhenTheStepThrows() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        CompletableFuture<Void> loop = AsyncLoop.repeat(() -> {
            throw boom;
        }).toCompletableFuture();
        assertSame(boom, assertThrows(CompletionException.class, loop::join).getCause());
    }
}
