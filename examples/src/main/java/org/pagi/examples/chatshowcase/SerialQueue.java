package org.pagi.examples.chatshowcase;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one after the other, in the order they were submitted: a task starts when the stage of
 * the one before has completed, on a virtual thread (never on the submitter's, so a submitter holding a lock never
 * runs a task). What keeps one instance's channel operations, and its deliveries, in order.
 */
final class SerialQueue {
    private static final Executor VIRTUAL = task -> Thread.ofVirtual().name("chat-relay").start(task);

    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    /**
     * @param task started after every task submitted before it has finished
     * @return completes as the task's stage does
     */
    synchronized <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> task) {
        CompletableFuture<T> done = tail.thenComposeAsync(v -> {
            try {
                return task.get();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }, VIRTUAL);
        tail = done.handle((result, failure) -> null); // a failed task does not stop the ones after it
        return done;
    }
}
