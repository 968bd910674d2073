package org.pagi.wrappers.endpoint;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.websocket.Closed;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * A WebSocket endpoint in the async mode (the blocking form is {@link BlockingWebSocketEndpoint}): a subclass
 * overrides the hooks it needs.
 * <ul>
 *   <li>{@link #onConnect}: accept (the default), accept with a subprotocol, deny or close. Returning without
 *       answering the handshake fails the session with {@link IllegalStateException}.</li>
 *   <li>{@link #onReceive}: each message, decoded by the {@link Encoding} given to the constructor, one at a
 *       time (the next is received when the returned stage completes). A message of the wrong kind closes with
 *       1003, bad JSON with 1007 (see {@link Encoding}); a failing {@code onReceive} closes with 1011 and fails
 *       the session. The default ignores messages and only waits for the close.</li>
 *   <li>{@link #onDisconnect}: exactly once, with how an accepted session ended (the peer's close code, a drop as
 *       1006, or the code this side sent); never for a handshake that was denied or refused.</li>
 * </ul>
 * One instance serves every session, so per-session data lives in the {@link WebSocket} (its {@code stash()})
 * or in locals, and shared fields must be safe for concurrent use.
 *
 * @param <T> what {@link #onReceive} gets
 */
public abstract class WebSocketEndpoint<T> implements Application {

    private final Encoding<T> encoding;

    /** @param encoding what messages the endpoint takes, and how {@link #onReceive} gets them */
    protected WebSocketEndpoint(Encoding<T> encoding) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
    }

    /** @return the declared encoding */
    public final Encoding<T> encoding() {
        return encoding;
    }

    /** Answers the handshake; the default accepts with no subprotocol. */
    protected CompletionStage<?> onConnect(WebSocket ws) {
        return ws.accept();
    }

    /** Handles one decoded message; the default ignores it. */
    protected CompletionStage<?> onReceive(WebSocket ws, T message) {
        return CompletableFuture.completedFuture(null);
    }

    /** Runs once when an accepted session ends; the default does nothing. It must not block. */
    protected void onDisconnect(WebSocket ws, Closed closed) {
    }

    @Override
    public final CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return Adapt.guarded(() -> run(scope, receive, send));
    }

    private CompletionStage<Void> run(Scope scope, Receive receive, Send send) {
        SessionWatch watch = new SessionWatch(send);
        WebSocket ws = WebSocket.of(scope, receive, watch);
        ws.onClose(closed -> {
            if (watch.accepted()) {
                onDisconnect(ws, closed);
            }
        });
        CompletionStage<Void> session = onConnect(ws).thenCompose(v -> SessionWatch.receiving(ws)
                ? ws.forEach(m -> receiveOne(ws, m)) : CompletableFuture.completedFuture(null));
        return session.handle((v, failure) -> failure).thenCompose(failure -> {
            if (failure == null || SessionWatch.closedTooLarge(failure)) {
                return CompletableFuture.completedFuture(null);
            }
            return ws.close(SessionWatch.INTERNAL_ERROR, "internal error").handle((x, e) -> null)
                    .thenCompose(x -> CompletableFuture.failedFuture(failure));
        });
    }

    private CompletionStage<?> receiveOne(WebSocket ws, Message message) {
        T value;
        try {
            value = encoding.decode(message);
        } catch (RejectedMessageException rejected) {
            return ws.close(rejected.closeCode(), rejected.getMessage());
        }
        return onReceive(ws, value);
    }
}
