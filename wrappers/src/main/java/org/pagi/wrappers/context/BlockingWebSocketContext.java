package org.pagi.wrappers.context;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.websocket.BlockingWebSocket;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.Received;

/**
 * {@link WebSocketContext}'s waiting methods for a blocking handler (those of {@link BlockingWebSocket}), and its
 * blocking dispatcher.
 *
 * @param context the wrapped context
 */
public record BlockingWebSocketContext(WebSocketContext context) implements BlockingContext {

    /** Checks for null. */
    public BlockingWebSocketContext {
        Objects.requireNonNull(context, "context");
    }

    private BlockingWebSocket ws() {
        return context.webSocket().blocking();
    }

    /** @see BlockingWebSocket#accept() */
    public void accept() {
        ws().accept();
    }

    /** @see BlockingWebSocket#accept(String, Headers) */
    public void accept(String subprotocol, Headers headers) {
        ws().accept(subprotocol, headers);
    }

    /** @see BlockingWebSocket#deny(Response) */
    public void deny(Response response) {
        ws().deny(response);
    }

    /** @see BlockingWebSocket#close() */
    public void close() {
        ws().close();
    }

    /** @see BlockingWebSocket#close(int, String) */
    public void close(int code, String reason) {
        ws().close(code, reason);
    }

    /** @see BlockingWebSocket#keepalive(Duration, Duration) */
    public void keepalive(Duration interval, Duration timeout) {
        ws().keepalive(interval, timeout);
    }

    /** @see BlockingWebSocket#keepalive(Duration) */
    public void keepalive(Duration interval) {
        ws().keepalive(interval);
    }

    /** @return the next message or the close @see BlockingWebSocket#receive() */
    public Received receiveMessage() {
        return ws().receive();
    }

    /** @see BlockingWebSocket#receiveText() */
    public String receiveText() {
        return ws().receiveText();
    }

    /** @see BlockingWebSocket#receiveBytes() */
    public Bytes receiveBytes() {
        return ws().receiveBytes();
    }

    /** @see BlockingWebSocket#receiveJson(Class) */
    public <T> T receiveJson(Class<T> type) {
        return ws().receiveJson(type);
    }

    /** @see BlockingWebSocket#receiveJsonTree() */
    public Object receiveJsonTree() {
        return ws().receiveJsonTree();
    }

    /** Hands every message to {@code handler} until the socket closes. @see BlockingWebSocket#forEach */
    public void forEach(Consumer<? super Message> handler) {
        ws().forEach(handler);
    }

    /** @see BlockingWebSocket#sendText(String) */
    public void sendText(String text) {
        ws().sendText(text);
    }

    /** @see BlockingWebSocket#sendBytes(Bytes) */
    public void sendBytes(Bytes bytes) {
        ws().sendBytes(bytes);
    }

    /** @see BlockingWebSocket#sendJson(Object) */
    public void sendJson(Object value) {
        ws().sendJson(value);
    }

    /** @see BlockingWebSocket#trySendText(String) */
    public boolean trySendText(String text) {
        return ws().trySendText(text);
    }

    /** @see BlockingWebSocket#trySendBytes(Bytes) */
    public boolean trySendBytes(Bytes bytes) {
        return ws().trySendBytes(bytes);
    }

    /** @see BlockingWebSocket#trySendJson(Object) */
    public boolean trySendJson(Object value) {
        return ws().trySendJson(value);
    }
}
