package org.pagi.wrappers.endpoint;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.sse.Sse;

/**
 * An SSE endpoint in the async mode (the blocking form is {@link BlockingSseEndpoint}): a subclass overrides the
 * hooks it needs.
 * <ul>
 *   <li>{@link #onConnect}: start the stream and maybe send, or decline it. The default only starts it; a stream
 *       that {@code onConnect} neither started, declined nor closed is started (200) when it returns.</li>
 *   <li>{@link #keepaliveInterval()}: when positive, the server writes a comment that often after
 *       {@code onConnect} (default zero: none, as upstream).</li>
 *   <li>{@link #onDisconnect}: exactly once when the stream ends: with the reason when the client left, empty
 *       when this side closed it ({@code sse.close()}, from any thread, e.g. an {@code every} task). Not after
 *       a decline. The session lasts until then.</li>
 * </ul>
 * One instance serves every stream; per-stream data lives in the {@link Sse} ({@code stash()}) or in locals.
 */
public abstract class SseEndpoint implements Application {

    /** For subclasses. */
    protected SseEndpoint() {
    }

    /** Starts the stream (the default) and may send, or declines it. */
    protected CompletionStage<?> onConnect(Sse sse) {
        return sse.start();
    }

    /** @return how often the server writes a keepalive comment; zero (the default) for never */
    protected Duration keepaliveInterval() {
        return Duration.ZERO;
    }

    /** Runs once when a stream ends: the client's reason, or empty when it was closed here. Must not block. */
    protected void onDisconnect(Sse sse, Optional<DisconnectReason> reason) {
    }

    @Override
    public final CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return Adapt.guarded(() -> run(scope, receive, send));
    }

    private CompletionStage<Void> run(Scope scope, Receive receive, Send send) {
        Duration keepalive = StreamWatch.checkedInterval(keepaliveInterval());
        StreamWatch watch = new StreamWatch(send);
        Sse sse = Sse.of(Adapt.sseScope(scope), receive, watch);
        return connect(sse)
                .handle((v, failure) -> {
                    if (failure != null && !StreamWatch.clientLeft(failure)) {
                        throw failure instanceof RuntimeException r ? r : new CompletionException(failure);
                    }
                    return null;
                })
                .thenCompose(v -> watch.stream(sse, keepalive))
                .thenCompose(v -> watch.end(sse))
                .thenAccept(end -> {
                    if (!end.declined()) {
                        onDisconnect(sse, end.reason());
                    }
                });
    }

    private CompletionStage<?> connect(Sse sse) {
        try {
            return onConnect(sse);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
