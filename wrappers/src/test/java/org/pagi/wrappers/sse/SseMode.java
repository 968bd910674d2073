package org.pagi.wrappers.sse;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.pagi.spec.Application;
import org.pagi.spec.SseScope;
import org.pagi.wrappers.Blocking;

/**
 * The two handler modes every SSE test runs in: ASYNC composes the stages of {@link Sse}; BLOCKING runs under
 * {@link Blocking#app} and calls the {@link BlockingSse} view. A test is a list of steps, each given in both forms.
 */
enum SseMode {
    ASYNC, BLOCKING;

    /** An application that wraps its stream in an Sse, hands it to {@code seen} and runs {@code steps} in order. */
    Application serve(List<Object> failures, Consumer<Sse> seen, Step... steps) {
        if (this == ASYNC) {
            return (scope, receive, send) -> {
                Sse sse = Sse.of((SseScope) scope, receive, send);
                seen.accept(sse);
                CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
                for (Step step : steps) {
                    chain = chain.thenCompose(v -> step.runAsync(sse, failures));
                }
                return chain;
            };
        }
        return Blocking.app((scope, receive, send) -> {
            Sse sse = Sse.of((SseScope) scope, receive, send);
            seen.accept(sse);
            for (Step step : steps) {
                step.runBlocking(sse.blocking(), failures);
            }
        });
    }

    /** {@link #serve(List, Consumer, Step...)} with no interest in the Sse itself. */
    Application serve(List<Object> failures, Step... steps) {
        return serve(failures, sse -> { }, steps);
    }

    /** Collects what failing steps threw (the exception itself) or {@code "no failure"}. */
    static List<Object> failures() {
        return new CopyOnWriteArrayList<>();
    }

    /** One call in both forms; a failing step records what it threw instead of failing the handler. */
    record Step(Function<Sse, CompletionStage<?>> async, Consumer<BlockingSse> blocking, boolean expectFailure) {

        static Step of(Function<Sse, CompletionStage<?>> async, Consumer<BlockingSse> blocking) {
            return new Step(async, blocking, false);
        }

        Step failing() {
            return new Step(async, blocking, true);
        }

        CompletionStage<Void> runAsync(Sse sse, List<Object> failures) {
            CompletionStage<?> stage;
            try {
                stage = async.apply(sse);
            } catch (RuntimeException e) {
                if (!expectFailure) {
                    throw e;
                }
                failures.add(e);
                return CompletableFuture.completedFuture(null);
            }
            if (!expectFailure) {
                return stage.thenApply(v -> null);
            }
            return stage.handle((v, e) -> {
                failures.add(e == null ? "no failure" : unwrap(e));
                return null;
            });
        }

        void runBlocking(BlockingSse sse, List<Object> failures) {
            if (!expectFailure) {
                blocking.accept(sse);
                return;
            }
            try {
                blocking.accept(sse);
                failures.add("no failure");
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }

        private static Throwable unwrap(Throwable e) {
            return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        }
    }
}
