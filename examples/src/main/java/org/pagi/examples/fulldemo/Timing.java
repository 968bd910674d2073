package org.pagi.examples.fulldemo;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The demo's pauses and clock: upstream's half a second between stream chunks and a second between ticks, the
 * system clock; tests shorten the pauses and fix the clock.
 *
 * @param chunkPause between two chunks of {@code /stream}
 * @param tickPause  after each tick of {@code /events}
 * @param clock      the time in a tick's data and the uptime at shutdown
 */
record Timing(Duration chunkPause, Duration tickPause, Clock clock) {
    static final Timing UPSTREAM = new Timing(Duration.ofMillis(500), Duration.ofSeconds(1), Clock.systemUTC());

    Timing {
        Objects.requireNonNull(clock, "clock");
        if (chunkPause.isNegative() || tickPause.isNegative()) {
            throw new IllegalArgumentException("pauses must not be negative: " + chunkPause + ", " + tickPause);
        }
    }

    /** @return a stage completing after {@code length}, holding no thread meanwhile */
    static CompletionStage<Void> after(Duration length) {
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(length.toMillis(), TimeUnit.MILLISECONDS));
    }
}
