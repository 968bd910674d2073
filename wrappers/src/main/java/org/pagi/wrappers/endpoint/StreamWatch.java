package org.pagi.wrappers.endpoint;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.SseClose;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.wrappers.sse.Sse;
import org.pagi.wrappers.sse.SseDisconnectedException;

/**
 * The {@code send} an SSE endpoint gives its stream: it notes {@code sse.close} and a decline on their way out,
 * so the endpoint knows when the stream ended on this side, and the steps both endpoint forms share.
 */
final class StreamWatch implements Send {

    /** How the stream ended: declined (no disconnect hook), or with the client's reason, or closed here (empty). */
    record End(boolean declined, Optional<DisconnectReason> reason) {
    }

    private final Send downstream;
    private final CompletableFuture<End> closedHere = new CompletableFuture<>();

    StreamWatch(Send downstream) {
        this.downstream = downstream;
    }

    @Override
    public CompletionStage<Void> send(Event event) {
        if (event instanceof SseClose) {
            closedHere.complete(new End(false, Optional.empty()));
        } else if (event instanceof SseHttpResponseStart) {
            closedHere.complete(new End(true, Optional.empty()));
        }
        return downstream.send(event);
    }

    /** Starts the stream unless {@code onConnect} started, declined or closed it, then asks for the keepalive. */
    CompletionStage<Void> stream(Sse sse, Duration keepalive) {
        CompletionStage<Void> started;
        try {
            started = sse.start();
        } catch (IllegalStateException startedOrEnded) {
            started = CompletableFuture.completedFuture(null);
        }
        return started.handle((v, e) -> null).thenCompose(v -> {
            if (keepalive.isZero() || !sse.isConnected()) {
                return CompletableFuture.completedFuture(null);
            }
            try {
                return sse.keepalive(keepalive).handle((x, e) -> null); // a client gone meanwhile ends it anyway
            } catch (IllegalStateException closedMeanwhile) {
                return CompletableFuture.completedFuture(null);
            }
        });
    }

    /** @return completes with how the stream ended: the client left, or this side closed or declined it */
    CompletionStage<End> end(Sse sse) {
        CompletableFuture<End> first = new CompletableFuture<>();
        closedHere.thenAccept(first::complete);
        sse.disconnected().thenAccept(reason -> first.complete(new End(false, Optional.of(reason))));
        return first;
    }

    /** @return whether {@code failure} only says the client left (the end is reported as a disconnect then) */
    static boolean clientLeft(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof SseDisconnectedException;
    }

    static Duration checkedInterval(Duration interval) {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("keepaliveInterval must be zero (off) or positive, got " + interval);
        }
        return interval;
    }
}
