package org.pagi.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;

/**
 * Sends the same event again and again without blocking, as a fast application writes, until {@code stop}
 * completes (the application saw its disconnect event: after it every send is a no-op) or a send fails. The
 * loop is compliance's {@code AsyncLoop} in miniature; this module's tests cannot depend on that module.
 */
final class AsyncSends {
    private AsyncSends() {
    }

    /** @return a stage that completes when {@code stop} does or a send fails; each send waits for the previous one */
    static CompletionStage<Void> until(CompletionStage<?> stop, Send send, Event event) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        stop.whenComplete((v, t) -> done.complete(null));
        next(send, event, done);
        return done;
    }

    private static void next(Send send, Event event, CompletableFuture<Void> done) {
        // A loop of stages that complete at once: iterate while they do, resume from the callback when one waits.
        while (!done.isDone()) {
            CompletableFuture<Void> f = send.send(event).toCompletableFuture();
            if (!f.isDone()) {
                f.whenComplete((v, t) -> {
                    if (t == null) {
                        next(send, event, done);
                    } else {
                        done.complete(null);
                    }
                });
                return;
            }
            if (f.isCompletedExceptionally()) {
                done.complete(null);
                return;
            }
        }
    }
}
