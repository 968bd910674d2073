package org.pagi.examples.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Bounded waits for a condition that another thread makes true: a server, an application, a timer. */
public final class Await {
    /** How long {@link #until} waits: far more than any check needs. */
    public static final Duration LIMIT = Duration.ofSeconds(10);

    private Await() {
    }

    /**
     * Polls {@code condition} until it holds.
     *
     * @param what  what the condition means, for the failure
     * @param state what to show beside it when the wait fails (its {@code toString()} then), or null
     * @throws AssertionError naming {@code what} and {@code state} after {@link #LIMIT}, or when interrupted
     */
    public static void until(BooleanSupplier condition, String what, Object state) {
        Instant deadline = Instant.now().plus(LIMIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached in " + LIMIT.toSeconds() + " s: " + what
                        + (state == null ? "" : " (" + state + ")"));
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }

    /** {@link #until(BooleanSupplier, String, Object)} with nothing to show beside {@code what}. */
    public static void until(BooleanSupplier condition, String what) {
        until(condition, what, null);
    }
}
