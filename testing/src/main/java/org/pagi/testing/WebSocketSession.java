package org.pagi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketKeepalive;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;

/**
 * An open WebSocket between the test and the application: send messages as the client, read what the
 * application sends, close or drop the connection.
 *
 * <pre>{@code
 * try (WebSocketSession ws = client.websocket("/echo").connect()) {
 *     ws.sendText("hello");
 *     assertEquals("hello", ws.receiveText());
 * }
 * }</pre>
 *
 * <p>What the test sees is what a client would: {@code websocket.keepalive} is not a message (it is recorded,
 * see {@link #keepalive()}); an application that returns while the WebSocket is open is seen as a close with
 * {@code 1000}, as a server closes it then. An exception from the application is rethrown into the test by the
 * next call that reads (or by {@link #close()}); with {@code raiseAppExceptions(false)} it is seen as a close
 * with {@code 1011} (internal error). An event the application sends out of order fails that call with
 * {@link org.pagi.spec.order.IllegalEventOrderException}. Every read waits at most the client's timeout.
 *
 * <p>When the application sends {@code websocket.close}, the client answers at once, as a browser does, so the
 * application's next {@code receive} yields {@code websocket.disconnect} with the same code; messages the test
 * sends after that are dropped, as a server discards them.
 *
 * <p>Used from one test thread.
 */
public final class WebSocketSession implements AutoCloseable {
    /** The code a client's close carries unless the test names one. */
    public static final int NORMAL_CLOSURE = WebSocketClose.NORMAL;
    /** The code a server closes with when the application failed (RFC 6455 section 7.4.1). */
    public static final int INTERNAL_ERROR = 1011;

    private final WebSocketCall ws;
    private final WebSocketAccept accept;
    private Optional<WebSocketKeepalive> keepalive = Optional.empty();
    private Optional<WebSocketClose> serverClose = Optional.empty();
    private String closeCause = "";
    private boolean clientClosed;
    private boolean failureReported;

    WebSocketSession(WebSocketCall ws, WebSocketAccept accept) {
        this.ws = ws;
        this.accept = accept;
    }

    /** @return the subprotocol the application chose, one the client offered */
    public Optional<String> subprotocol() {
        return accept.subprotocol();
    }

    /** @return the extra headers the application put on the {@code 101} response */
    public Headers acceptHeaders() {
        return accept.headers();
    }

    /** @return the scope the application was called with */
    public WebSocketScope scope() {
        return ws.scope();
    }

    /**
     * @return the last {@code websocket.keepalive} read so far (the last one wins, as on a server); empty if none
     */
    public Optional<WebSocketKeepalive> keepalive() {
        return keepalive;
    }

    /** Sends a text message: the application receives {@code websocket.receive} with {@code text}. */
    public WebSocketSession sendText(String text) {
        return send(WebSocketReceive.text(text));
    }

    /** Sends a binary message: the application receives {@code websocket.receive} with {@code bytes}. */
    public WebSocketSession sendBytes(Bytes bytes) {
        return send(WebSocketReceive.bytes(bytes));
    }

    /** Sends {@code value} serialized by Jackson, as a text message. */
    public WebSocketSession sendJson(Object value) {
        return sendText(Json.write(value).utf8());
    }

    private WebSocketSession send(WebSocketReceive message) {
        if (clientClosed) {
            throw new IllegalStateException("the client already closed this WebSocket; connect again to send more");
        }
        // After the application's close the message is dropped, as a server discards frames that follow one.
        ws.pushMessage(message);
        return this;
    }

    /** @return the next message the application sends, waiting up to the client's timeout */
    public WebSocketMessage receive() {
        return receive(ws.timeout());
    }

    /**
     * @return the next message the application sends ({@code websocket.send})
     * @throws AssertionError if the server closed the WebSocket instead, naming the code
     * @throws PagiTestTimeoutException if nothing comes within {@code wait}
     */
    public WebSocketMessage receive(Duration wait) {
        while (true) {
            Optional<WebSocketMessage> message = step(wait, "websocket.send");
            if (message.isPresent()) {
                return message.get();
            }
            if (serverClose.isPresent()) {
                throw closed("a message");
            }
        }
    }

    /** @return the next message's text; fails if it is binary */
    public String receiveText() {
        WebSocketMessage m = receive();
        if (m instanceof WebSocketMessage.Text t) {
            return t.text();
        }
        throw new AssertionError("expected a text message, got " + describe(m));
    }

    /** @return the next message's bytes; fails if it is text */
    public Bytes receiveBytes() {
        WebSocketMessage m = receive();
        if (m instanceof WebSocketMessage.Binary b) {
            return b.bytes();
        }
        throw new AssertionError("expected a binary message, got " + describe(m));
    }

    /** @return the next message (text or binary) parsed as JSON */
    public JsonNode receiveJson() {
        return Json.tree(payload(receive()));
    }

    /** @return the next message (text or binary) parsed as JSON into {@code type} */
    public <T> T receiveJson(Class<T> type) {
        return Json.read(payload(receive()), type);
    }

    /**
     * Waits for the server to close the WebSocket with {@code code}: the application's {@code websocket.close},
     * or its return (seen as {@code 1000}, or {@code 1011} after a failure with {@code raiseAppExceptions(false)}).
     *
     * @return the close, code and reason
     * @throws AssertionError if a message comes first, or the close carries another code
     */
    public WebSocketClose expectClose(int code) {
        while (serverClose.isEmpty()) {
            Optional<WebSocketMessage> message = step(ws.timeout(), "websocket.close " + code);
            if (message.isPresent()) {
                throw new AssertionError("expected websocket.close " + code + ", got a message: "
                        + describe(message.get()));
            }
        }
        WebSocketClose close = serverClose.get();
        if (close.code() != code) {
            throw closed("websocket.close " + code);
        }
        return close;
    }

    /**
     * Reads one signal of the application.
     *
     * @return the message it sent, or empty after recording a keepalive or the server's close
     */
    private Optional<WebSocketMessage> step(Duration wait, String waitingFor) {
        if (clientClosed) {
            throw new IllegalStateException("the client closed this WebSocket; nothing more can be received");
        }
        if (serverClose.isPresent()) {
            return Optional.empty();
        }
        switch (ws.next(wait, waitingFor)) {
            case AppCall.Signal.Violation v -> throw v.error();
            case AppCall.Signal.Finished f -> appReturned(f.failure());
            case AppCall.Signal.Sent s -> {
                Event event = s.event();
                switch (event) {
                    case WebSocketSend send -> {
                        return Optional.of(send.message());
                    }
                    case WebSocketKeepalive k -> keepalive = Optional.of(k);
                    case WebSocketClose close -> serverClose = Optional.of(close);
                    // The order rules ignore denial events once accepted and fail a second accept.
                    default -> throw new AssertionError("unexpected " + event.type() + " on an open WebSocket");
                }
            }
        }
        return Optional.empty();
    }

    /** A server closes a WebSocket the application left open when it returns (with 1011 when it failed). */
    private void appReturned(Throwable failure) {
        if (failure != null && ws.raiseAppExceptions()) {
            failureReported = true;
            throw ApplicationFailedException.rethrow(failure);
        }
        serverClose = Optional.of(new WebSocketClose(failure == null ? NORMAL_CLOSURE : INTERNAL_ERROR));
        closeCause = failure == null ? "the application returned with the WebSocket open"
                : "the application failed (" + failure + ")";
    }

    private AssertionError closed(String expected) {
        WebSocketClose c = serverClose.orElseThrow();
        String got = closeCause.isEmpty()
                ? "websocket.close " + c.code() + (c.reason().isEmpty() ? "" : " \"" + c.reason() + "\"")
                : "no more messages: " + closeCause;
        return new AssertionError("expected " + expected + ", got " + got
                + ", so the server closed the WebSocket with code " + c.code());
    }

    /** Closes normally (1000): the application receives {@code websocket.disconnect}; waits for it to return. */
    @Override
    public void close() {
        close(NORMAL_CLOSURE, "");
    }

    /**
     * The client closes with a Close frame: the application receives {@code websocket.disconnect} with
     * {@code code} and {@code reason} after the messages already sent; then waits for it to return (an
     * application that ignores the disconnect is interrupted after the timeout). Does nothing the second time.
     *
     * @param code a close code a client may send (1000-1003, 1007-1014, 3000-4999)
     * @throws RuntimeException what the application failed with, or an order violation it committed, if the
     *                          test has not seen it yet
     */
    public void close(int code, String reason) {
        WebSocketClose frame = new WebSocketClose(code, reason); // a client's Close frame obeys the same rules
        end(new WebSocketDisconnect(frame.code(), frame.reason()), false, "after the client closed the WebSocket");
    }

    /**
     * The connection drops with no close handshake: the application receives {@code websocket.disconnect}
     * with {@code 1006} and {@code client_closed}, and messages it has not read yet are lost. Then waits for it
     * to return, as {@link #close(int, String)} does.
     */
    public void disconnect() {
        end(WebSocketCall.DROPPED, true, "after the client dropped the WebSocket connection");
    }

    private void end(WebSocketDisconnect event, boolean abrupt, String context) {
        if (clientClosed) {
            return;
        }
        clientClosed = true;
        ws.peerClose(event, abrupt); // a no-op when the application's close was already answered
        Optional<Throwable> failure = ws.awaitReturn(context);
        if (failure.isPresent() && ws.raiseAppExceptions() && !failureReported) {
            failureReported = true;
            throw ApplicationFailedException.rethrow(failure.get());
        }
    }

    private static Bytes payload(WebSocketMessage m) {
        return switch (m) {
            case WebSocketMessage.Text t -> Bytes.utf8(t.text());
            case WebSocketMessage.Binary b -> b.bytes();
        };
    }

    private static String describe(WebSocketMessage m) {
        return switch (m) {
            case WebSocketMessage.Text t ->
                    "text \"" + (t.text().length() <= 64 ? t.text() : t.text().substring(0, 64) + "...") + "\"";
            case WebSocketMessage.Binary b -> "binary " + b.bytes();
        };
    }
}
