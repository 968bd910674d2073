package org.pagi.wrappers.websocket;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.response.Response;

/**
 * {@link WebSocket}'s waiting methods for a blocking handler: same names, plain values, the same exceptions
 * unwrapped. Each fails at once on an I/O event loop thread, having sent nothing (see {@link Blocking}). Scope
 * accessors, state and callbacks stay on {@link #webSocket()}. Iterating this view receives messages until the
 * socket closes.
 *
 * @param webSocket the wrapped socket
 */
public record BlockingWebSocket(WebSocket webSocket) implements Iterable<Message> {

    /** Checks for null. */
    public BlockingWebSocket {
        Objects.requireNonNull(webSocket, "webSocket");
    }

    /** @see WebSocket#accept() */
    public void accept() {
        await(webSocket::accept);
    }

    /** @see WebSocket#accept(String, Headers) */
    public void accept(String subprotocol, Headers headers) {
        await(() -> webSocket.accept(subprotocol, headers));
    }

    /** @see WebSocket#deny(Response) */
    public void deny(Response response) {
        await(() -> webSocket.deny(response));
    }

    /** @return the next message, or {@link Closed} @see WebSocket#receive() */
    public Received receive() {
        return await(webSocket::receive);
    }

    /** @see WebSocket#receiveText() */
    public String receiveText() {
        return await(webSocket::receiveText);
    }

    /** @see WebSocket#receiveBytes() */
    public Bytes receiveBytes() {
        return await(webSocket::receiveBytes);
    }

    /** @see WebSocket#receiveJson(Class) */
    public <T> T receiveJson(Class<T> type) {
        return await(() -> webSocket.receiveJson(type));
    }

    /** @see WebSocket#receiveJsonTree() */
    public Object receiveJsonTree() {
        return await(webSocket::receiveJsonTree);
    }

    /** Hands every message to {@code handler} until the socket closes; a handler failure propagates. */
    @Override
    public void forEach(Consumer<? super Message> handler) {
        Objects.requireNonNull(handler, "handler");
        for (Message m : this) {
            try {
                handler.accept(m);
            } catch (RuntimeException e) {
                webSocket.reportError(e);
                throw e;
            }
        }
    }

    /** @return the messages, each {@code hasNext()} receiving the next one; ends when the socket closes */
    @Override
    public Iterator<Message> iterator() {
        return new Iterator<>() {
            private Message next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next == null && !ended) {
                    switch (receive()) {
                        case Message m -> next = m;
                        case Closed c -> ended = true;
                    }
                }
                return next != null;
            }

            @Override
            public Message next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the WebSocket is closed: " + webSocket.closeStatus().orElseThrow());
                }
                Message m = next;
                next = null;
                return m;
            }
        };
    }

    /** @see WebSocket#sendText(String) */
    public void sendText(String text) {
        await(() -> webSocket.sendText(text));
    }

    /** @see WebSocket#sendBytes(Bytes) */
    public void sendBytes(Bytes bytes) {
        await(() -> webSocket.sendBytes(bytes));
    }

    /** @see WebSocket#sendJson(Object) */
    public void sendJson(Object value) {
        await(() -> webSocket.sendJson(value));
    }

    /** @return false instead of an exception when the socket is not open @see WebSocket#trySendText */
    public boolean trySendText(String text) {
        return await(() -> webSocket.trySendText(text));
    }

    /** @see WebSocket#trySendBytes(Bytes) */
    public boolean trySendBytes(Bytes bytes) {
        return await(() -> webSocket.trySendBytes(bytes));
    }

    /** @see WebSocket#trySendJson(Object) */
    public boolean trySendJson(Object value) {
        return await(() -> webSocket.trySendJson(value));
    }

    /** @see WebSocket#keepalive(Duration, Duration) */
    public void keepalive(Duration interval, Duration timeout) {
        await(() -> webSocket.keepalive(interval, timeout));
    }

    /** @see WebSocket#keepalive(Duration) */
    public void keepalive(Duration interval) {
        await(() -> webSocket.keepalive(interval));
    }

    /** @see WebSocket#close() */
    public void close() {
        await(webSocket::close);
    }

    /** @see WebSocket#close(int, String) */
    public void close(int code, String reason) {
        await(() -> webSocket.close(code, reason));
    }

    /** Refuses on an event loop before {@code call} can send anything, then waits for its stage. */
    private static <T> T await(Supplier<? extends CompletionStage<T>> call) {
        Blocking.requireBlockingAllowed();
        return Blocking.await(call.get());
    }
}
