package org.pagi.protocol.exchange;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.pagi.protocol.websocket.WebSocketCodec;
import org.pagi.protocol.websocket.WebSocketHandshake;
import org.pagi.protocol.websocket.WsEvent;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketEvent;
import org.pagi.spec.event.WebSocketHttpResponseBody;
import org.pagi.spec.event.WebSocketHttpResponseStart;
import org.pagi.spec.event.WebSocketKeepalive;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;

/**
 * The WebSocket of one {@link Exchange}, from the application's {@code websocket.accept} to the closed socket:
 * frames in become {@code websocket.receive} and {@code websocket.disconnect}, the application's sends become
 * frames out. Frame syntax, UTF-8 and compression are the codec's ({@link WebSocketCodec}); this class keeps the
 * session's state and timers.
 *
 * <h2>Theory of operation</h2>
 * <pre>
 *   HANDSHAKE --websocket.accept (101 written)--> OPEN
 *   OPEN --peer Close--> echo it, deliver its code, close TCP ---------------------------> CLOSED
 *   OPEN --websocket.close / app returned / shutdown / idle--> CLOSING (our Close sent)
 *   CLOSING --peer Close, or closeTimeout--> close TCP ----------------------------------> CLOSED
 *   OPEN or CLOSING --protocol violation--> Close with the violation's code, close TCP ---> CLOSED
 *   any --EOF, read or write error, pong timeout--> 1006 with the reason token ----------> CLOSED
 * </pre>
 * The server closes TCP first once the close handshake is done (RFC 6455 section 7.1.1). The application gets
 * exactly one {@code websocket.disconnect}: the peer's code when it sent a Close frame (1005 if it had none), the
 * code the server sent with {@code protocol_error} for a violation, or 1006 with a token when the connection
 * dropped (spec: www.md, "Disconnect codes").
 *
 * <p>The tricky case is backpressure: messages are taken from the codec only while the application keeps up.
 * When its queue reaches the high-water mark, reading pauses and undecoded bytes wait in the codec; taking
 * messages out resumes reading (through {@link Http1Connection}), so the queue stays bounded by the mark plus
 * one message.
 *
 * <p>Not thread-safe: driven by its {@link Http1Connection} under the connection's lock. Time comes in as
 * epoch milliseconds from the settings' clock.
 */
final class WebSocketSession {
    enum State { HANDSHAKE, OPEN, CLOSING, CLOSED }

    private final Http1Connection connection;
    private final Exchange ex;
    private final ExchangeOutput out;
    private final ExchangeSettings settings;
    private final WebSocketHandshake.Accepted handshake;
    private WebSocketCodec codec;
    private State state = State.HANDSHAKE;
    private long bytesSent;
    private long lastHeard;
    private long closeDeadline;
    private long pingEvery;
    private long pongTimeout;
    private long nextPing;
    private long pingSentAt = -1;

    WebSocketSession(Http1Connection connection, Exchange ex, ExchangeOutput out, ExchangeSettings settings,
            WebSocketHandshake.Accepted handshake) {
        this.connection = connection;
        this.ex = ex;
        this.out = out;
        this.settings = settings;
        this.handshake = handshake;
    }

    /** @return whether the handshake was answered with 101 (frames flow from then on) */
    boolean accepted() {
        return state != State.HANDSHAKE;
    }

    /** @return whether the application may still send messages and receive them */
    boolean isOpen() {
        return state == State.OPEN;
    }

    /** @return frame bytes written, for the access log */
    long bytesSent() {
        return bytesSent;
    }

    /** Writes the 101 response; bytes from then on are frames. */
    private CompletableFuture<Void> accept(WebSocketAccept accept) {
        String date = settings.date().at(now());
        Optional<String> server = settings.serverHeader().isEmpty() ? Optional.empty()
                : Optional.of(settings.serverHeader());
        byte[] head = WebSocketHandshake.response(handshake, accept.subprotocol(), accept.headers(), date, server);
        codec = new WebSocketCodec(WebSocketCodec.Role.SERVER, settings.websocket().limits(), handshake.deflate());
        state = State.OPEN;
        lastHeard = now();
        ex.tracker.markResponseStarted();
        return write(new ByteBuffer[] {ByteBuffer.wrap(head)});
    }

    /** Carries out a send of the application (its order already checked). */
    CompletableFuture<Void> send(WebSocketEvent event) {
        if (state == State.HANDSHAKE) {
            return handshake(event);
        }
        if (state != State.OPEN) {
            return CompletableFuture.completedFuture(null); // the peer closed first: sends are no-ops (spec)
        }
        return switch (event) {
            case WebSocketSend s -> write(codec.message(s.message()));
            case WebSocketClose c -> {
                // Messages still queued are not delivered after the application's own close (spec: they arrive
                // only while the WebSocket is open); dropping them also resumes reading paused for them, so the
                // peer's answering Close is seen.
                ex.inbound.discard(e -> e instanceof WebSocketReceive);
                yield startClose(c.code(), c.reason());
            }
            case WebSocketKeepalive k -> {
                pingEvery = k.interval().toMillis();
                pongTimeout = k.timeout().map(java.time.Duration::toMillis).orElse(0L);
                nextPing = now() + pingEvery;
                pingSentAt = -1;
                yield CompletableFuture.completedFuture(null);
            }
            default -> throw new IllegalArgumentException("websocket: cannot send " + event.type() + " now");
        };
    }

    /** The application's answer to {@code websocket.connect}: accept, refuse (403), or deny with a response. */
    private CompletableFuture<Void> handshake(WebSocketEvent event) {
        return switch (event) {
            case WebSocketAccept a -> {
                CompletableFuture<Void> sent = accept(a);
                ByteBuffer early = connection.takeUpgradeBytes(); // frames the client sent right behind its request
                if (early.hasRemaining()) {
                    received(early);
                }
                yield sent;
            }
            case WebSocketClose c -> {
                connection.answerForApplication(ex, 403); // spec: www.md, "Handshake"
                yield CompletableFuture.completedFuture(null);
            }
            case WebSocketHttpResponseStart s -> {
                connection.startResponse(ex, s.status(), s.headers());
                yield CompletableFuture.completedFuture(null);
            }
            case WebSocketHttpResponseBody b -> connection.writeBody(ex, b.body(), b.more());
            default -> throw new IllegalArgumentException("websocket: cannot send " + event.type()
                    + " before the handshake is answered");
        };
    }

    /** Bytes from the peer after the handshake. */
    void received(ByteBuffer bytes) {
        if (state == State.CLOSED || codec == null) {
            return;
        }
        codec.feed(bytes);
        lastHeard = now();
        drain();
    }

    /** Hands decoded frames to the application until the codec needs bytes or the application falls behind. */
    void drain() {
        while (state == State.OPEN || state == State.CLOSING) {
            if (ex.readPaused) {
                return;
            }
            WsEvent e = codec.next();
            switch (e) {
                case WsEvent.NeedData n -> {
                    return;
                }
                case WsEvent.Message m -> message(m);
                case WsEvent.Ping p -> write(codec.pong(p.payload()));
                case WsEvent.Pong p -> pingSentAt = -1;
                case WsEvent.Close c -> peerClosed(c.code(), c.reason());
                case WsEvent.Failure f -> fail(f);
            }
        }
    }

    private void message(WsEvent.Message m) {
        if (state != State.OPEN) {
            return; // after our Close the peer may still send data; the application said it is done
        }
        ex.inbound.offer(new WebSocketReceive(m.message()));
        if (ex.inbound.queuedBytes() >= settings.inboundHighWater()) {
            ex.readPaused = true;
            out.pauseReading();
        }
    }

    private void peerClosed(int code, String reason) {
        if (state == State.OPEN) {
            // RFC 6455 section 5.5.1: answer with a Close echoing the code (1005 means none: an empty Close).
            write(codec.close(code, ""));
        }
        finish(code, reason, DisconnectReason.CLIENT_CLOSED);
    }

    private void fail(WsEvent.Failure f) {
        // Not out.problem(): the peer broke the rule, not the server, and an operator's ERROR log must not be
        // something any client can flood (HTTP parse errors are not logged either). The application learns of it
        // from the disconnect's reason, the client from the close code.
        if (state == State.OPEN) {
            write(codec.close(f.closeCode(), ""));
        }
        finish(f.closeCode(), DisconnectReason.PROTOCOL_ERROR.token(), DisconnectReason.PROTOCOL_ERROR);
    }

    /** Sends our Close and waits for the peer's (or the close timeout). */
    CompletableFuture<Void> startClose(int code, String reason) {
        if (state != State.OPEN) {
            return CompletableFuture.completedFuture(null);
        }
        state = State.CLOSING;
        closeDeadline = now() + settings.websocket().closeTimeout().toMillis();
        return write(codec.close(code, reason));
    }

    /** The peer closed TCP, or reading or writing failed: the WebSocket ends without a handshake. */
    void dropped(DisconnectReason reason) {
        finish(WebSocketDisconnect.ABNORMAL, reason.token(), reason);
    }

    /** The server is stopping: close 1001, as RFC 6455 section 7.4.1 says for an endpoint going away. */
    void shutdown() {
        startClose(1001, "server shutdown");
    }

    /** Runs the timers: keepalive pings, the pong timeout, the idle timeout and the close timeout. */
    void tick() {
        if (codec != null) {
            codec.releaseDrainedInput();
        }
        long now = now();
        switch (state) {
            case OPEN -> {
                if (ex.readPaused) {
                    // We stopped reading, so the peer's pongs and frames wait unread in the socket: its silence is
                    // ours. The pong and idle clocks restart when reading resumes.
                    lastHeard = now;
                    if (pingSentAt >= 0) {
                        pingSentAt = now;
                    }
                }
                if (pongTimeout > 0 && pingSentAt >= 0 && now - pingSentAt > pongTimeout) {
                    finish(WebSocketDisconnect.ABNORMAL, DisconnectReason.KEEPALIVE_TIMEOUT.token(),
                            DisconnectReason.KEEPALIVE_TIMEOUT);
                    return;
                }
                long idle = settings.websocket().idleTimeout().toMillis();
                if (idle > 0 && now - lastHeard > idle) {
                    deliverDisconnect(WebSocketDisconnect.ABNORMAL, DisconnectReason.IDLE_TIMEOUT.token(),
                            DisconnectReason.IDLE_TIMEOUT);
                    startClose(1001, "idle timeout");
                    return;
                }
                if (pingEvery > 0 && now >= nextPing) {
                    nextPing = now + pingEvery;
                    if (pingSentAt < 0) {
                        pingSentAt = now;
                    }
                    write(codec.ping(org.pagi.spec.Bytes.empty()));
                }
            }
            case CLOSING -> {
                if (now >= closeDeadline) {
                    finish(WebSocketDisconnect.ABNORMAL, DisconnectReason.CLIENT_TIMEOUT.token(),
                            DisconnectReason.CLIENT_TIMEOUT);
                }
            }
            case HANDSHAKE, CLOSED -> {
                // nothing runs before the handshake or after the end
            }
        }
    }

    private void finish(int code, String reason, DisconnectReason token) {
        if (state == State.CLOSED) {
            return;
        }
        deliverDisconnect(code, reason, token);
        state = State.CLOSED;
        if (codec != null) {
            codec.close();
        }
        connection.websocketClosed(ex);
    }

    private void deliverDisconnect(int code, String reason, DisconnectReason token) {
        if (ex.disconnected) {
            return;
        }
        ex.disconnected = true;
        ex.order.peerDisconnected();
        if (code == WebSocketDisconnect.ABNORMAL || token == DisconnectReason.PROTOCOL_ERROR) {
            ex.tracker.disconnect(token);
        }
        ex.inbound.offer(new WebSocketDisconnect(code, reason));
    }

    private CompletableFuture<Void> write(java.nio.ByteBuffer[] buffers) {
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        bytesSent += n;
        return connection.writeCounted(ex, buffers);
    }

    private long now() {
        return settings.clock().getAsLong();
    }
}
