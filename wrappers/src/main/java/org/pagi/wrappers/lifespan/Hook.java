package org.pagi.wrappers.lifespan;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pagi.spec.LifespanScope;

/**
 * One registered hook, async or blocking, with what it needs to be run under a timeout and reported by name.
 *
 * @param phase          {@code "startup"} or {@code "shutdown"}
 * @param name           the name given at registration
 * @param async          the async form, or null
 * @param blocking       the blocking form, or null
 * @param startupsBefore for a shutdown hook: how many startup hooks were registered before it
 */
record Hook(String phase, String name, LifespanHook async, BlockingLifespanHook blocking, int startupsBefore) {

    /**
     * Runs the hook. The stage completes with null on success and with a message naming the hook on failure or
     * timeout; it never completes exceptionally.
     */
    CompletionStage<String> run(LifespanScope scope, Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread worker = blocking == null ? null : startBlocking(scope, done);
        if (async != null) {
            try {
                CompletionStage<?> stage = async.run(scope);
                if (stage == null) {
                    throw new NullPointerException("the hook returned null instead of a CompletionStage");
                }
                stage.whenComplete((v, e) -> finish(done, e));
            } catch (Throwable t) {
                finish(done, t);
            }
        }
        // A hook failure arrives wrapped in CompletionException (finish); only the timeout is a bare TimeoutException.
        done.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return done.handle((v, e) -> {
            if (e == null) {
                return null;
            }
            if (e instanceof TimeoutException) {
                if (worker != null) {
                    worker.interrupt();
                }
                return "%s hook '%s' timed out after %s".formatted(phase, name, describe(timeout));
            }
            return "%s hook '%s' failed: %s".formatted(phase, name, describe(e));
        });
    }

    private Thread startBlocking(LifespanScope scope, CompletableFuture<Void> done) {
        return Thread.ofVirtual().name("pagi-lifespan-" + phase + "-" + name).start(() -> {
            try {
                blocking.run(scope);
                finish(done, null);
            } catch (Throwable t) {
                finish(done, t);
            }
        });
    }

    private static void finish(CompletableFuture<Void> done, Throwable failure) {
        if (failure == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(new CompletionException(failure));
        }
    }

    /** @return the innermost cause's message, or its class name when it has none */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getName() : message;
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
