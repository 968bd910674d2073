package org.pagi.wrappers.context;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.WebSocketConnect;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.websocket.Closed;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.Received;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * The context of a WebSocket session: its {@link WebSocket} (built on the context's feed) and that wrapper's
 * common operations delegated, with the same names, failures and rules. {@link #run()} ends at
 * {@code websocket.disconnect}; before its handlers run the WebSocket has taken the disconnect in, so
 * {@link #isClosed()}, {@link #closeCode()} and the {@code onClose} callbacks already tell how it ended. See
 * {@link Context} for who reads {@code receive}. Messages dispatched by {@code run()} do not pass through the
 * WebSocket, so its {@code maxMessageSize} applies only to explicit receives (the server's frame limit applies
 * to both).
 */
public final class WebSocketContext extends Context {

    private final WebSocketScope scope;
    private final WebSocket webSocket;

    WebSocketContext(WebSocketScope scope, Receive receive, Send send) {
        super(scope, receive, send, new EventFeed(receive, "websocket.disconnect",
                e -> e instanceof WebSocketReceive || e instanceof WebSocketConnect, e -> false));
        this.scope = scope;
        this.webSocket = WebSocket.of(scope, feed.wrapperReceive(), send);
    }

    @Override
    public WebSocketScope scope() {
        return scope;
    }

    /** @return the context's feed: a WebSocket built on it shares events with this one as the rule says */
    @Override
    public Receive rawReceive() {
        return feed.wrapperReceive();
    }

    /** @return the session's WebSocket (its stash is {@link #stash()}) */
    public WebSocket webSocket() {
        return webSocket;
    }

    /** @return the subprotocols the client offered, in its order of preference */
    public List<String> subprotocols() {
        return scope.subprotocols();
    }

    @Override
    CompletionStage<?> beforeDisconnect(Event disconnect) {
        // The feed answers at once with the disconnect: the WebSocket records the close and runs onClose.
        return webSocket.isClosed() ? java.util.concurrent.CompletableFuture.completedFuture(null)
                : webSocket.receive();
    }

    // ---- handshake and close ----

    /** @see WebSocket#accept() */
    public CompletionStage<Void> accept() {
        return webSocket.accept();
    }

    /** @see WebSocket#accept(String, Headers) */
    public CompletionStage<Void> accept(String subprotocol, Headers headers) {
        return webSocket.accept(subprotocol, headers);
    }

    /** @see WebSocket#deny(Response) */
    public CompletionStage<Void> deny(Response response) {
        return webSocket.deny(response);
    }

    /** @see WebSocket#close() */
    public CompletionStage<Void> close() {
        return webSocket.close();
    }

    /** @see WebSocket#close(int, String) */
    public CompletionStage<Void> close(int code, String reason) {
        return webSocket.close(code, reason);
    }

    /** @see WebSocket#keepalive(Duration, Duration) */
    public CompletionStage<Void> keepalive(Duration interval, Duration timeout) {
        return webSocket.keepalive(interval, timeout);
    }

    /** @see WebSocket#keepalive(Duration) */
    public CompletionStage<Void> keepalive(Duration interval) {
        return webSocket.keepalive(interval);
    }

    // ---- receiving ----

    /** The next message or {@link Closed}: {@link WebSocket#receive()} under a name that is not {@code receive}. */
    public CompletionStage<Received> receiveMessage() {
        return webSocket.receive();
    }

    /** @see WebSocket#receiveText() */
    public CompletionStage<String> receiveText() {
        return webSocket.receiveText();
    }

    /** @see WebSocket#receiveBytes() */
    public CompletionStage<Bytes> receiveBytes() {
        return webSocket.receiveBytes();
    }

    /** @see WebSocket#receiveJson(Class) */
    public <T> CompletionStage<T> receiveJson(Class<T> type) {
        return webSocket.receiveJson(type);
    }

    /** @see WebSocket#receiveJsonTree() */
    public CompletionStage<Object> receiveJsonTree() {
        return webSocket.receiveJsonTree();
    }

    /** @see WebSocket#forEach(Function) */
    public CompletionStage<Void> forEach(Function<? super Message, ? extends CompletionStage<?>> handler) {
        return webSocket.forEach(handler);
    }

    // ---- sending ----

    /** @see WebSocket#sendText(String) */
    public CompletionStage<Void> sendText(String text) {
        return webSocket.sendText(text);
    }

    /** @see WebSocket#sendBytes(Bytes) */
    public CompletionStage<Void> sendBytes(Bytes bytes) {
        return webSocket.sendBytes(bytes);
    }

    /** @see WebSocket#sendJson(Object) */
    public CompletionStage<Void> sendJson(Object value) {
        return webSocket.sendJson(value);
    }

    /** @see WebSocket#trySendText(String) */
    public CompletionStage<Boolean> trySendText(String text) {
        return webSocket.trySendText(text);
    }

    /** @see WebSocket#trySendBytes(Bytes) */
    public CompletionStage<Boolean> trySendBytes(Bytes bytes) {
        return webSocket.trySendBytes(bytes);
    }

    /** @see WebSocket#trySendJson(Object) */
    public CompletionStage<Boolean> trySendJson(Object value) {
        return webSocket.trySendJson(value);
    }

    // ---- state ----

    /** @return whether the socket is closed (by either side, dropped or denied) */
    public boolean isClosed() {
        return webSocket.isClosed();
    }

    /** @return the close code once closed (1005 when the peer's Close frame had none) */
    public OptionalInt closeCode() {
        return webSocket.closeCode();
    }

    /** @return whether the socket is accepted and not closed */
    @Override
    public boolean isConnected() {
        return webSocket.isConnected();
    }

    /** @return the close reason once closed */
    @Override
    public Optional<String> disconnectReason() {
        return webSocket.closeReason();
    }

    /** Runs {@code callback} once with the close reason when the socket closes; see {@link WebSocket#onClose}. */
    @Override
    public WebSocketContext onDisconnect(Consumer<String> callback) {
        java.util.Objects.requireNonNull(callback, "callback");
        webSocket.onClose(closed -> callback.accept(closed.reason()));
        return this;
    }

    /** @return a view whose methods wait and return values, with a blocking {@code run()} */
    public BlockingWebSocketContext blocking() {
        return new BlockingWebSocketContext(this);
    }
}
