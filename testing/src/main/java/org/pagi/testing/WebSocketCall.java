package org.pagi.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketConnect;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketHttpResponseBody;
import org.pagi.spec.event.WebSocketHttpResponseStart;
import org.pagi.spec.event.WebSocketReceive;

/**
 * One WebSocket's application call seen from the client, from the handshake to the end: the half of the
 * connection a real client's socket would be.
 *
 * <h2>Theory of operation</h2>
 * {@link #start} pushes {@code websocket.connect}; {@link #handshake()} reads the application's answer. Once
 * accepted, the {@link WebSocketSession} pushes messages and reads what the application sends.
 *
 * <p>The client's side closes once, and then nothing more reaches the application: when the test closes or drops
 * the connection, or when the application sends {@code websocket.close}. A client answers a Close frame with its
 * own at once (RFC 6455 section 5.5.1, echoing the code), so the application's next {@code receive} yields
 * {@code websocket.disconnect} with that code. The echo is pushed from the delivery hook, on the application's
 * thread before its send completes, not when the test gets round to reading the close: an application that
 * awaits the disconnect after closing never waits on the test. Messages the test sends after that are dropped,
 * as a server discards frames that follow a close.
 *
 * <p>Thread-safe where it must be: the delivery hook runs on application threads, everything else on the test
 * thread, and the two meet under {@code peerLock}.
 */
final class WebSocketCall {
    /** What the application receives when the client gives up on the connection with no close handshake. */
    static final WebSocketDisconnect DROPPED =
            new WebSocketDisconnect(WebSocketDisconnect.ABNORMAL, DisconnectReason.CLIENT_CLOSED.token());
    private static final String HANDSHAKE_ANSWER =
            "the handshake answer (websocket.accept, websocket.close or websocket.http.response.start)";

    private final TestClient client;
    private final WebSocketScope scope;
    private final Object peerLock = new Object();
    private AppCall call; // set under peerLock in start(); the test thread then reads it freely
    private boolean accepted; // guarded by peerLock
    private boolean peerClosed; // guarded by peerLock
    private WebSocketDisconnect deferredEcho; // guarded by peerLock: a close sent before start() stored the call

    private WebSocketCall(TestClient client, WebSocketScope scope) {
        this.client = client;
        this.scope = scope;
    }

    /** Starts the application on {@code scope} and pushes {@code websocket.connect}. */
    static WebSocketCall start(TestClient client, WebSocketScope scope) {
        WebSocketCall ws = new WebSocketCall(client, scope);
        AppCall started = AppCall.start(client.app(), scope, client.timeout(), UnaryOperator.identity(),
                ws::onDelivered, client.runInline());
        synchronized (ws.peerLock) {
            ws.call = started;
            started.push(new WebSocketConnect());
            if (ws.deferredEcho != null) {
                started.push(ws.deferredEcho);
            }
        }
        return ws;
    }

    /** The delivery hook: runs on the application's thread for each event the order rules let through. */
    private void onDelivered(Event event) {
        synchronized (peerLock) {
            if (event instanceof WebSocketAccept) {
                accepted = true;
            } else if (event instanceof WebSocketClose close && accepted && !peerClosed) {
                peerClosed = true;
                WebSocketDisconnect echo = new WebSocketDisconnect(close.code(), "");
                if (call == null) {
                    deferredEcho = echo;
                } else {
                    call.push(echo);
                }
            }
        }
    }

    /**
     * Reads the application's answer to {@code websocket.connect}.
     *
     * @throws PagiTestTimeoutException if it does not answer in time (the client then drops the connection)
     */
    WebSocketHandshake handshake() {
        AppCall.Signal answer;
        try {
            answer = call.next(HANDSHAKE_ANSWER);
        } catch (PagiTestTimeoutException e) {
            peerClose(DROPPED, true);
            throw e;
        }
        return switch (answer) {
            case AppCall.Signal.Violation v -> throw v.error();
            case AppCall.Signal.Finished f -> unanswered(f.failure());
            case AppCall.Signal.Sent s -> answered(s.event());
        };
    }

    private WebSocketHandshake answered(Event event) {
        return switch (event) {
            case WebSocketAccept accept -> {
                checkSubprotocol(accept);
                yield new WebSocketHandshake.Accepted(new WebSocketSession(this, accept));
            }
            case WebSocketClose close -> refused(WebSocketHandshake.Denied.byClose(close));
            case WebSocketHttpResponseStart start -> refused(readDenial(start));
            // The order rules let nothing else through before the handshake is answered.
            default -> throw new AssertionError("unexpected " + event.type() + " in answer to websocket.connect");
        };
    }

    /** A browser fails a handshake whose chosen subprotocol it did not offer (RFC 6455 section 4.1). */
    private void checkSubprotocol(WebSocketAccept accept) {
        Optional<String> chosen = accept.subprotocol();
        if (chosen.isPresent() && !scope.subprotocols().contains(chosen.get())) {
            peerClose(DROPPED, true);
            throw new AssertionError("websocket.accept chose subprotocol '" + chosen.get()
                    + "', which the client did not offer (it offered " + scope.subprotocols()
                    + "); a client fails such a handshake");
        }
    }

    private WebSocketHandshake.Denied readDenial(WebSocketHttpResponseStart start) {
        Bytes body = Bytes.empty();
        while (true) {
            switch (call.next("websocket.http.response.body")) {
                case AppCall.Signal.Violation v -> throw v.error();
                case AppCall.Signal.Finished f -> {
                    if (client.raiseAppExceptions()) {
                        if (f.failure() != null) {
                            throw ApplicationFailedException.rethrow(f.failure());
                        }
                        throw new AssertionError("the application returned before its denial response was complete"
                                + " (the last websocket.http.response.body had more=true); a server aborts the"
                                + " connection, so the client sees a truncated response");
                    }
                    return WebSocketHandshake.Denied.byResponse(start.status(), start.headers(), body);
                }
                case AppCall.Signal.Sent s -> {
                    if (s.event() instanceof WebSocketHttpResponseBody piece) {
                        body = body.concat(piece.body());
                        if (!piece.more()) {
                            return WebSocketHandshake.Denied.byResponse(start.status(), start.headers(), body);
                        }
                    }
                }
            }
        }
    }

    /**
     * The refusal is complete and the server closes the connection; the call ends when the application returns.
     * No {@code websocket.disconnect} follows a refusal (the WebSocket never opened), so an application must
     * return rather than wait for one.
     */
    private WebSocketHandshake.Denied refused(WebSocketHandshake.Denied denied) {
        Throwable failure = call.awaitFinish("after it refused the WebSocket handshake").failure();
        if (failure != null && client.raiseAppExceptions()) {
            throw ApplicationFailedException.rethrow(failure);
        }
        return denied;
    }

    private WebSocketHandshake unanswered(Throwable failure) {
        if (client.raiseAppExceptions()) {
            if (failure != null) {
                throw ApplicationFailedException.rethrow(failure);
            }
            throw new AssertionError("the application returned without accepting or refusing the WebSocket"
                    + " handshake (a server answers 500)");
        }
        return new WebSocketHandshake.Denied(Backstop.STATUS, Backstop.HEADERS, Backstop.BODY, Optional.empty());
    }

    /**
     * Pushes a message from the client.
     *
     * @return false if the connection is already closed, so the message was dropped
     */
    boolean pushMessage(WebSocketReceive message) {
        synchronized (peerLock) {
            if (peerClosed) {
                return false;
            }
            call.push(message);
            return true;
        }
    }

    /**
     * Closes the client's side, once: {@code abrupt} drops the connection (queued messages are lost and later
     * sends become no-ops at once), otherwise a Close frame follows the messages already sent.
     */
    void peerClose(WebSocketDisconnect event, boolean abrupt) {
        synchronized (peerLock) {
            if (peerClosed) {
                return;
            }
            peerClosed = true;
            if (abrupt) {
                call.disconnect(event);
            } else {
                call.push(event);
            }
        }
    }

    /** @return the next signal of the application, waiting up to {@code wait} */
    AppCall.Signal next(Duration wait, String waitingFor) {
        return call.next(wait, waitingFor);
    }

    /** Waits for the application to return; see {@link Settle}. */
    Optional<Throwable> awaitReturn(String context) {
        return Settle.awaitReturn(call, context);
    }

    boolean raiseAppExceptions() {
        return client.raiseAppExceptions();
    }

    Duration timeout() {
        return client.timeout();
    }

    WebSocketScope scope() {
        return scope;
    }
}
