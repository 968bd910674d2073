package org.pagi.examples.jobrunner;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The messages for one client, sent one at a time in the order they were posted. Jobs report from their own
 * threads and the queue tells every client under its lock, so posting never waits and never sends on the caller's
 * thread: each send runs on a virtual thread after the one before it ends. A send may wait for the client's side
 * (a server's loop, an in-process client's lock) and that side may be calling into the queue, so sending under the
 * queue's lock could deadlock. Once a send says the client is gone, the rest are dropped.
 */
final class Outbox<T> {
    private static final Executor ELSEWHERE = task -> Thread.ofVirtual().name("job-runner-send").start(task);

    private final Function<T, CompletionStage<Boolean>> sender;
    private CompletableFuture<Boolean> tail = CompletableFuture.completedFuture(true);

    /** @param sender sends one message; true when sent, false when the client is gone */
    Outbox(Function<T, CompletionStage<Boolean>> sender) {
        this.sender = sender;
    }

    /** Sends {@code message} after every message posted before it. */
    synchronized void post(T message) {
        tail = tail.thenComposeAsync(
                        open -> open ? sender.apply(message) : CompletableFuture.completedFuture(false), ELSEWHERE)
                .exceptionally(failure -> false);
    }

    /** @return a stage completing when everything posted so far was sent (or dropped) */
    synchronized CompletionStage<Boolean> drained() {
        return tail;
    }
}
