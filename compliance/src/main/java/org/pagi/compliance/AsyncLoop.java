package org.pagi.compliance;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Repeats an asynchronous step until it yields {@code false}, in constant stack and memory however many times it
 * runs.
 *
 * <p>The obvious loop, {@code step().thenCompose(again -> again ? loop() : done)}, has two faults: when the step's
 * stage is already complete (an event that was queued, a send the transport took at once) the next round runs
 * inside this one, so a long run of them overflows the stack; and each round chains one more stage onto the
 * result, so a long WebSocket session holds one stage per message until it ends. Here a round that completed at
 * once is followed by a plain loop iteration, and a round still pending resumes the loop from its callback, so
 * there is only ever one stage in flight.
 *
 * <p>Stateless; each call of {@link #repeat} drives its own loop. Public so that other modules' non-blocking
 * applications (the benchmark's) loop the same way.
 */
public final class AsyncLoop {
    private AsyncLoop() {
    }

    /**
     * @param step one round; its stage yields whether to run another (null counts as no). It is called again only
     *             after the previous round's stage completed, so rounds never overlap.
     * @return a stage that completes when a round yields {@code false}, or fails as the first failing round
     *         (or a step that throws) does
     */
    public static CompletionStage<Void> repeat(Supplier<? extends CompletionStage<Boolean>> step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        drive(step, done);
        return done;
    }

    private static void drive(Supplier<? extends CompletionStage<Boolean>> step, CompletableFuture<Void> done) {
        while (true) {
            CompletableFuture<Boolean> round;
            try {
                round = step.get().toCompletableFuture();
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
                return;
            }
            if (!round.isDone() || round.isCompletedExceptionally()) {
                round.whenComplete((again, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    } else if (Boolean.TRUE.equals(again)) {
                        drive(step, done);
                    } else {
                        done.complete(null);
                    }
                });
                return;
            }
            if (!Boolean.TRUE.equals(round.join())) {
                done.complete(null);
                return;
            }
        }
    }
}
