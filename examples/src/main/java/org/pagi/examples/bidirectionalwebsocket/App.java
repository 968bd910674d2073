package org.pagi.examples.bidirectionalwebsocket;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * Upstream's {@code 18-bidirectional-websocket}: after accepting, the connection runs two branches at once. The
 * incoming one echoes each text message uppercased ({@code you said: HELLO}); the outgoing one pushes {@code
 * server tick #n} every second, unprompted. Receiving and sending never wait for each other; the wrappers'
 * {@link WebSocket} keeps the two branches' sends whole and in order. When the client closes, the incoming branch
 * ends and stops the outgoing one. Binary messages are ignored, as upstream.
 *
 * <p>Only {@code websocket} scopes are served; anything else (lifespan included) fails with {@link
 * UnsupportedScopeException}. Async throughout: no thread waits, so it runs in either execution mode.
 */
public final class App implements Application {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private final Duration interval;

    /** The example as {@code bin/pagi-server --app} creates it: a tick every second. */
    public App() {
        this(DEFAULT_INTERVAL);
    }

    /** @param interval the pause before each tick; more than zero */
    public App(Duration interval) {
        if (Objects.requireNonNull(interval, "interval").isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be more than zero, got " + interval);
        }
        this.interval = interval;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof WebSocketScope)) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        WebSocket ws = WebSocket.of(scope, receive, send);
        return ws.accept().thenCompose(accepted -> {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            ticks(ws, 1, closed); // outgoing: runs beside incoming, stopped by it
            return ws.forEach(message -> message instanceof Message.Text text
                            ? ws.sendText("you said: " + text.text().toUpperCase(Locale.ROOT))
                            : CompletableFuture.completedFuture(null))
                    .whenComplete((v, failure) -> closed.complete(null));
        });
    }

    /** Sends tick {@code n} after the interval, then the next, until {@code closed}. */
    private void ticks(WebSocket ws, long n, CompletableFuture<Void> closed) {
        Executor later = CompletableFuture.delayedExecutor(interval.toNanos(), TimeUnit.NANOSECONDS);
        CompletableFuture.runAsync(() -> { }, later).thenCompose(v -> closed.isDone()
                        ? CompletableFuture.completedFuture(false)
                        : ws.sendText("server tick #" + n).thenApply(sent -> true))
                .whenComplete((more, failure) -> {
                    if (failure == null && more) { // a failed send means the client left: stop
                        ticks(ws, n + 1, closed);
                    }
                });
    }
}
