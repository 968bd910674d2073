package org.pagi.wrappers.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Function;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketKeepalive;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.wrappers.ScopeView;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.response.Response;

/**
 * One WebSocket session, async mode: methods that wait return stages. For a blocking handler use
 * {@link #blocking()}, whose methods have the same names and return plain values.
 *
 * <p>Lifecycle: {@link WebSocketState#CONNECTING} until {@link #accept()} (or {@link #deny}/{@link #close()}
 * refuse the handshake), then {@link WebSocketState#CONNECTED} until either side closes, then
 * {@link WebSocketState#CLOSED} for good. {@link #onClose} callbacks run exactly once when it closes;
 * {@link #onError} callbacks run once with the first failure of a receive, send or {@link #forEach} handler.
 *
 * <p>One WebSocket per session: it owns {@code receive}, and receives may not overlap (a second one while the
 * first is pending fails with {@link IllegalStateException}). Sends may come from any thread. A message larger
 * than {@link #maxMessageSize()} (default 1 MiB, counted in UTF-8 bytes for text) closes the socket with 1009 and
 * fails that receive with {@link MessageTooLargeException}.
 *
 * <p>The scope accessors (path, headers, query, cookies, path parameters, state, stash) come from
 * {@link ScopeView}; the lifecycle lives in {@code Session}, receiving in {@code Inbox}.
 */
public final class WebSocket extends ScopeView<WebSocketScope> {
    /** The per-message limit unless {@link #maxMessageSize(int)} sets another: 1 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

    private final Send send;
    private final Session session = new Session();
    private final Inbox inbox;

    private WebSocket(WebSocketScope scope, Receive receive, Send send) {
        super(scope);
        this.send = Objects.requireNonNull(send, "send");
        this.inbox = new Inbox(Objects.requireNonNull(receive, "receive"), send, session);
    }

    /**
     * @return a WebSocket over one session's scope, receive and send
     * @throws UnsupportedScopeException when {@code scope} is not a {@code websocket} scope
     */
    public static WebSocket of(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof WebSocketScope ws)) {
            throw new UnsupportedScopeException(scope);
        }
        return new WebSocket(ws, receive, send);
    }

    // ---- scope (the rest is in ScopeView) ----

    /** @return the subprotocols the client offered, in its order of preference; empty if none */
    public List<String> subprotocols() {
        return scope().subprotocols();
    }

    // ---- state ----

    /** @return where the session is */
    public WebSocketState connectionState() {
        return session.state();
    }

    /** @return whether the socket is accepted and not closed */
    public boolean isConnected() {
        return session.state() == WebSocketState.CONNECTED;
    }

    /** @return whether the socket is closed (by either side, dropped or denied) */
    public boolean isClosed() {
        return session.state() == WebSocketState.CLOSED;
    }

    /** @return how the socket ended; empty while it has not */
    public Optional<Closed> closeStatus() {
        return session.closed();
    }

    /** @return the close code (1005 when the peer's Close frame had none); empty while open */
    public OptionalInt closeCode() {
        return closeStatus().map(c -> OptionalInt.of(c.code())).orElse(OptionalInt.empty());
    }

    /** @return the close reason; empty while open */
    public Optional<String> closeReason() {
        return closeStatus().map(Closed::reason);
    }

    /** @return the per-message limit in bytes */
    public int maxMessageSize() {
        return inbox.maxMessageSize();
    }

    /** Sets the per-message limit for later receives. @return this @throws IllegalArgumentException if not positive */
    public WebSocket maxMessageSize(int bytes) {
        inbox.maxMessageSize(bytes);
        return this;
    }

    /** Runs {@code callback} once with how the socket ended; at once when it already has. @return this */
    public WebSocket onClose(Consumer<? super Closed> callback) {
        session.closeCallbacks.add(Objects.requireNonNull(callback, "callback"));
        return this;
    }

    /** Runs {@code callback} once with the first failure; at once when one already happened. @return this */
    public WebSocket onError(Consumer<? super Throwable> callback) {
        session.errorCallbacks.add(Objects.requireNonNull(callback, "callback"));
        return this;
    }

    // ---- handshake ----

    /** Accepts the handshake with no subprotocol and no extra headers. */
    public CompletionStage<Void> accept() {
        return accept(Optional.empty(), Headers.empty());
    }

    /**
     * Accepts choosing {@code subprotocol} and adding {@code headers} to the 101 response.
     *
     * @throws IllegalArgumentException when the client did not offer {@code subprotocol}, naming both
     */
    public CompletionStage<Void> accept(String subprotocol, Headers headers) {
        Objects.requireNonNull(subprotocol, "subprotocol");
        if (!scope().subprotocols().contains(subprotocol)) {
            throw new IllegalArgumentException("subprotocol '" + subprotocol + "' was not offered by the client;"
                    + " it offered " + scope().subprotocols());
        }
        return accept(Optional.of(subprotocol), headers);
    }

    private CompletionStage<Void> accept(Optional<String> subprotocol, Headers headers) {
        WebSocketAccept event = new WebSocketAccept(subprotocol, Objects.requireNonNull(headers, "headers"));
        try {
            session.open("accept");
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        return session.reportFailure(send.send(event));
    }

    /**
     * Refuses the handshake with {@code response} (status, headers, cookies and body) through the denial
     * extension; the socket is then closed (1006, {@link Closed#DENIED}).
     *
     * @throws IllegalStateException when the scope does not advertise {@code websocket.http.response} (then
     *     {@link #close()} refuses with 403), or the handshake was already answered
     */
    public CompletionStage<Void> deny(Response response) {
        Denial denial = Denial.of(scope(), Objects.requireNonNull(response, "response"));
        session.requireConnecting("deny");
        session.end(CloseCode.ABNORMAL, Closed.DENIED);
        return session.reportFailure(send.send(denial.start()).thenCompose(v -> send.send(denial.body())));
    }

    // ---- receiving ----

    /**
     * @return the next message, or {@link Closed} when the socket is (or becomes) closed; the stage fails with
     *     {@link MessageTooLargeException} over the limit
     * @throws IllegalStateException (stage) when another receive is still pending
     */
    public CompletionStage<Received> receive() {
        return inbox.receive();
    }

    /** A cancelled publisher gives up its pending receive; see {@code Inbox.abandon}. */
    boolean abandonReceive() {
        return inbox.abandon();
    }

    /** A cancelled publisher returns a message it took but did not deliver. */
    void putBack(Received r) {
        inbox.putBack(r);
    }

    /** @return the next message's text @throws UnexpectedMessageException (stage) for a binary message, and
     *     {@link WebSocketClosedException} (stage) when the socket closes instead */
    public CompletionStage<String> receiveText() {
        return receiveMessage("receiveText").thenApply(m -> switch (m) {
            case Message.Text t -> t.text();
            case Message.Binary b -> throw new UnexpectedMessageException("text", b);
        });
    }

    /** @return the next message's bytes @throws UnexpectedMessageException (stage) for a text message, and
     *     {@link WebSocketClosedException} (stage) when the socket closes instead */
    public CompletionStage<Bytes> receiveBytes() {
        return receiveMessage("receiveBytes").thenApply(m -> switch (m) {
            case Message.Binary b -> b.bytes();
            case Message.Text t -> throw new UnexpectedMessageException("binary", t);
        });
    }

    /**
     * @return the next text message decoded as JSON into {@code type}
     * @throws org.pagi.wrappers.json.JsonDecodingException (stage) when it is not JSON for {@code type}; and as
     *     {@link #receiveText()} for a binary message or a close
     */
    public <T> CompletionStage<T> receiveJson(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return receiveText().thenApply(text -> Json.decode(Bytes.utf8(text), type));
    }

    /** @return the next text message as a plain JSON tree: Map, List, String, Number, Boolean or null */
    public CompletionStage<Object> receiveJsonTree() {
        return receiveJson(Object.class);
    }

    private CompletionStage<Message> receiveMessage(String what) {
        return receive().thenApply(r -> switch (r) {
            case Message m -> m;
            case Closed c -> throw new WebSocketClosedException(what, c);
        });
    }

    /**
     * Receives every message and hands it to {@code handler}, waiting for the stage it returns before receiving
     * the next. @return completes when the socket closes; fails with the first failure of a receive or handler
     */
    public CompletionStage<Void> forEach(Function<? super Message, ? extends CompletionStage<?>> handler) {
        Objects.requireNonNull(handler, "handler");
        return session.reportFailure(Loop.whileTrue(() -> receive().thenCompose(r -> switch (r) {
            case Message m -> handler.apply(m).thenApply(x -> true);
            case Closed c -> CompletableFuture.completedFuture(false);
        })));
    }

    /**
     * @return a publisher of the messages for one subscriber: it receives only as far as {@code request(n)} asks,
     *     completes when a receive finds the socket closed (so a close is noticed while demand is outstanding),
     *     fails with the receive's failure, and stops receiving when cancelled
     */
    public Flow.Publisher<Message> messages() {
        return new MessagePublisher(this);
    }

    // ---- sending ----

    /** Sends a text message. @throws WebSocketClosedException (stage) when closed, IllegalStateException before accept */
    public CompletionStage<Void> sendText(String text) {
        return sendMessage("sendText", WebSocketSend.text(Objects.requireNonNull(text, "text")));
    }

    /** Sends a binary message; fails as {@link #sendText} does. */
    public CompletionStage<Void> sendBytes(Bytes bytes) {
        return sendMessage("sendBytes", WebSocketSend.bytes(Objects.requireNonNull(bytes, "bytes")));
    }

    /** Sends {@code value} as JSON in a text message; a value Jackson cannot write fails with JsonEncodingException. */
    public CompletionStage<Void> sendJson(Object value) {
        try {
            return sendMessage("sendJson", WebSocketSend.text(Json.encode(value).utf8()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends a text message. @return true when sent, false (not an exception) when the socket is not open */
    public CompletionStage<Boolean> trySendText(String text) {
        return trySend(sendText(text));
    }

    /** Sends a binary message. @return true when sent, false when the socket is not open */
    public CompletionStage<Boolean> trySendBytes(Bytes bytes) {
        return trySend(sendBytes(bytes));
    }

    /** Sends JSON. @return true when sent, false when the socket is not open; an unwritable value still fails */
    public CompletionStage<Boolean> trySendJson(Object value) {
        Bytes json;
        try {
            json = Json.encode(value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return trySend(sendText(json.utf8()));
    }

    private CompletionStage<Boolean> trySend(CompletionStage<Void> sent) {
        return sent.handle((v, e) -> e == null);
    }

    private CompletionStage<Void> sendMessage(String what, WebSocketSend event) {
        CompletionStage<Void> refused = session.refuseUnlessOpen(what);
        return refused != null ? refused : session.reportFailure(send.send(event));
    }

    /**
     * Asks the server to ping every {@code interval} and to close the connection (1006,
     * {@code keepalive_timeout}) when no pong comes within {@code timeout}. The last call wins.
     */
    public CompletionStage<Void> keepalive(Duration interval, Duration timeout) {
        return keepalive(new WebSocketKeepalive(interval, Optional.of(timeout)));
    }

    /** Asks the server to ping every {@code interval}, with no dead-peer timeout; zero stops the pings. */
    public CompletionStage<Void> keepalive(Duration interval) {
        return keepalive(new WebSocketKeepalive(interval, Optional.empty()));
    }

    private CompletionStage<Void> keepalive(WebSocketKeepalive event) {
        CompletionStage<Void> refused = session.refuseUnlessOpen("keepalive");
        return refused != null ? refused : session.reportFailure(send.send(event));
    }

    // ---- closing ----

    /** Closes normally (1000, no reason); see {@link #close(int, String)}. */
    public CompletionStage<Void> close() {
        return close(CloseCode.NORMAL, "");
    }

    /**
     * Closes with {@code code} and {@code reason}, or, before accepting, refuses the handshake (the server
     * answers 403). Idempotent: once closed (by either side) it sends nothing and completes at once.
     *
     * @throws IllegalArgumentException at once for a code or reason {@link CloseCode#check} refuses
     */
    public CompletionStage<Void> close(int code, String reason) {
        CloseCode.check(code, Objects.requireNonNull(reason, "reason"));
        if (!session.endQuietly(code, reason)) {
            return CompletableFuture.completedFuture(null);
        }
        return session.reportFailure(send.send(new WebSocketClose(code, reason)))
                .whenComplete((v, e) -> session.fireClose());
    }

    /** @return a view whose methods wait and return plain values (see {@link org.pagi.wrappers.Blocking}) */
    public BlockingWebSocket blocking() {
        return new BlockingWebSocket(this);
    }

    /** Runs the error callbacks (once) with a failure seen outside this class, e.g. by the blocking view. */
    void reportError(Throwable failure) {
        session.errorCallbacks.fire(failure);
    }
}
