package org.pagi.wrappers.websocket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Repeats an async step while it yields true, without growing the stack when steps complete at once. */
final class Loop {
    private Loop() {
    }

    static CompletableFuture<Void> whileTrue(Supplier<? extends CompletionStage<Boolean>> step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        run(step, done);
        return done;
    }

    private static void run(Supplier<? extends CompletionStage<Boolean>> step, CompletableFuture<Void> done) {
        while (true) {
            CompletableFuture<Boolean> next;
            try {
                next = copy(step.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                return;
            }
            if (!next.isDone()) {
                next.whenComplete((more, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(unwrap(failure));
                    } else if (Boolean.TRUE.equals(more)) {
                        run(step, done);
                    } else {
                        done.complete(null);
                    }
                });
                return;
            }
            try {
                if (!Boolean.TRUE.equals(next.join())) {
                    done.complete(null);
                    return;
                }
            } catch (CompletionException e) {
                done.completeExceptionally(unwrap(e));
                return;
            }
        }
    }

    /** A stage need not support toCompletableFuture(); copying its outcome always works. */
    static <T> CompletableFuture<T> copy(CompletionStage<T> stage) {
        CompletableFuture<T> c = new CompletableFuture<>();
        stage.whenComplete((v, e) -> {
            if (e == null) {
                c.complete(v);
            } else {
                c.completeExceptionally(unwrap(e));
            }
        });
        return c;
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
