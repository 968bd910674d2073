package org.pagi.wrappers.apps;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseChannel;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.WebSocketHttpResponseStart;

/**
 * The {@code send} a {@link Cascade} gives an application that is not the last: it decides on the first response
 * start. A caught status is held back and the rest of that response is dropped (a channel body is closed, as the
 * server would have done); any other start, and everything after it, passes through unchanged.
 */
final class PassOverSend implements Send {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Send downstream;
    private final Set<Integer> catchStatuses;
    private volatile boolean decided;
    private volatile boolean passedOver;

    PassOverSend(Send downstream, Set<Integer> catchStatuses) {
        this.downstream = downstream;
        this.catchStatuses = catchStatuses;
    }

    /** @return whether the response was held back, so the next application answers */
    boolean passedOver() {
        return passedOver;
    }

    @Override
    public CompletionStage<Void> send(Event event) {
        if (passedOver) {
            if (event instanceof HttpResponseChannel c) {
                close(c);
            }
            return DONE;
        }
        if (!decided) {
            int status = status(event);
            if (status != 0) {
                decided = true;
                if (catchStatuses.contains(status)) {
                    passedOver = true;
                    return DONE;
                }
            }
        }
        return downstream.send(event);
    }

    private static int status(Event event) {
        return switch (event) {
            case HttpResponseStart s -> s.status();
            case WebSocketHttpResponseStart s -> s.status();
            case SseHttpResponseStart s -> s.status();
            default -> 0;
        };
    }

    private static void close(HttpResponseChannel channel) {
        try {
            channel.channel().close();
        } catch (IOException ignored) {
            // the body is dropped either way
        }
    }
}
