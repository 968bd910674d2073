package org.pagi.jmh.load;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Repeats an asynchronous step until it yields {@code false}, in constant stack and memory however many rounds
 * it runs: a round whose stage is already complete (a send the transport took at once) is followed by a plain
 * loop iteration, and a round still pending resumes the loop from its callback. The naive
 * {@code step().thenCompose(again -> loop())} would overflow the stack on a long run of completed sends, which is
 * exactly what a benchmark produces. (The compliance module has the same helper, package-private; this module
 * does not depend on it.)
 *
 * <p>Stateless; each call of {@link #until} drives its own loop.
 */
final class Repeat {
    private Repeat() {
    }

    /**
     * @param step one round; its stage yields whether to run another (null counts as no). It is called again only
     *             after the previous round's stage completed, so rounds never overlap.
     * @return a stage that completes when a round yields {@code false}, or fails as the first failing round does
     */
    static CompletionStage<Void> until(Supplier<? extends CompletionStage<Boolean>> step) {
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
