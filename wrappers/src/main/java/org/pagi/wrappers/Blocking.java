package org.pagi.wrappers;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import org.pagi.spec.Application;
import org.pagi.spec.server.EventLoopThreads;

/**
 * The blocking handler mode. Every wrapper method that waits returns a {@link CompletionStage}; this class
 * turns such a stage into a plain value ({@link #await}) and a blocking handler into an {@link Application}
 * ({@link #app}).
 *
 * <p>The rule: blocking is allowed on any thread except a server's I/O event loop (see
 * {@link EventLoopThreads}). There {@link #await} fails at once with an {@link IllegalStateException} instead of
 * stalling every connection of the loop; use the {@code CompletionStage} methods or {@link #app}.
 */
public final class Blocking {

    // One builder for every handler thread (a factory is safe to share), not a new one per request.
    private static final ThreadFactory HANDLER_THREADS = Thread.ofVirtual().name("pagi-blocking-handler").factory();

    private Blocking() {
    }

    /**
     * Waits for {@code stage} and returns its value.
     *
     * @throws IllegalStateException   when called on an I/O event loop thread (before waiting)
     * @throws RuntimeException        the stage's own unchecked failure, as is (not wrapped)
     * @throws CheckedFailureException the stage's checked failure, or an interrupt while waiting
     */
    @SuppressWarnings("unchecked")
    public static <T> T await(CompletionStage<T> stage) {
        Objects.requireNonNull(stage, "stage");
        requireBlockingAllowed();
        // Already there (a cached body, a send the server took at once): no copy, no wait. Exactly this class:
        // a subclass may refuse these calls (a minimal stage does).
        if (stage.getClass() == CompletableFuture.class) {
            CompletableFuture<T> future = (CompletableFuture<T>) stage;
            if (future.isDone() && !future.isCompletedExceptionally()) {
                return future.join();
            }
        }
        // A stage need not support toCompletableFuture(); copying its outcome always works.
        CompletableFuture<T> copy = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                copy.complete(value);
            } else {
                copy.completeExceptionally(failure);
            }
        });
        try {
            return copy.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckedFailureException("interrupted while waiting for a blocking call", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /**
     * Fails when the calling thread may not block. Blocking views call it before they start anything, so a call
     * refused on an event loop has sent nothing.
     *
     * @throws IllegalStateException on an I/O event loop thread, naming the async alternative
     */
    public static void requireBlockingAllowed() {
        if (EventLoopThreads.isCurrent()) {
            throw new IllegalStateException("blocking call not allowed on an I/O event loop thread ("
                    + Thread.currentThread().getName() + "): compose the CompletionStage the async method returns,"
                    + " or run the handler with Blocking.app(...)");
        }
    }

    /**
     * Makes a blocking handler an application: each call runs on a new virtual thread, and the returned stage
     * completes when the handler returns, or exceptionally with what it threw.
     */
    public static Application app(BlockingApplication handler) {
        Objects.requireNonNull(handler, "handler");
        return (scope, receive, send) -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            HANDLER_THREADS.newThread(() -> {
                try {
                    handler.call(scope, receive, send);
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            }).start();
            return done;
        };
    }

    private static RuntimeException rethrow(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new CheckedFailureException("the awaited stage failed with a checked exception: " + cause, cause);
    }

    /** A checked failure of an awaited stage (or an interrupt), carried unchecked; the cause is the original. */
    public static final class CheckedFailureException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** A failure saying {@code message}, caused by a checked exception or an interrupt. */
        public CheckedFailureException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
