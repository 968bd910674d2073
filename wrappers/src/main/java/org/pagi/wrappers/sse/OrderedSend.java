package org.pagi.wrappers.sse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Send;
import org.pagi.spec.event.SendEvent;

/**
 * Hands events to {@code send} one after another in call order, whichever thread calls and whether or not the
 * caller awaits: a periodic task and the handler may send at once. A failed event does not hold back the next.
 */
final class OrderedSend {
    private final Send send;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    OrderedSend(Send send) {
        this.send = send;
    }

    /** @return completes when the server took {@code event}, or fails with what the server said */
    synchronized CompletionStage<Void> enqueue(SendEvent event) {
        CompletableFuture<Void> next = tail.handle((v, e) -> null).thenCompose(v -> send.send(event));
        tail = next;
        return next;
    }
}
