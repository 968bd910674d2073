package org.pagi.protocol.exchange;

import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.RequestScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseRequest;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.order.EventOrder;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.spec.server.FlowTracker;
import org.pagi.spec.server.InboundQueue;
import org.pagi.spec.server.RequestHead;
import org.pagi.spec.server.ScopeFactory;

/**
 * One request on a connection, from its head to the end of its response, stream or WebSocket: the scope and the
 * per-request objects the application sees ({@code pagi.connection}, {@code pagi.transport}, the inbound queue),
 * the order rules, and the response encoder. Owned by its {@link Http1Connection}; read by the transport for
 * logging. The {@link #kind} decides which events the inbound queue carries ({@code http.*} or {@code sse.*})
 * and, for a WebSocket, the {@link WebSocketSession} that takes over after the handshake.
 */
public final class Exchange {
    final ScopeFactory.Kind kind;
    final RequestHead head;
    final RequestScope scope;
    final EventOrder order;
    final ConnectionTracker tracker;
    final FlowTracker flow;
    final InboundQueue inbound;
    final ResponseEncoder encoder;
    final long startNanos;
    final long startMillis;
    final BodyRate bodyRate = new BodyRate();
    WebSocketSession websocket;
    SseKeepaliveTimer sseKeepalive;
    boolean expectContinue;
    boolean continueSent;
    boolean requestComplete;
    boolean responseDone;
    boolean appFinished;
    boolean aborted;
    boolean disconnected;
    boolean readPaused;
    private int serverStatus;
    private long serverBodyBytes;

    Exchange(ScopeFactory.Kind kind, RequestHead head, RequestScope scope, ConnectionTracker tracker, FlowTracker flow,
            InboundQueue inbound, ResponseEncoder encoder, long startNanos, long startMillis) {
        this.kind = kind;
        this.head = head;
        this.scope = scope;
        this.order = EventOrder.forScope(scope);
        this.tracker = tracker;
        this.flow = flow;
        this.inbound = inbound;
        this.encoder = encoder;
        this.startNanos = startNanos;
        this.startMillis = startMillis;
    }

    /** @return the request body piece this scope's application receives: {@code http.request} or {@code sse.request} */
    Event requestEvent(Bytes body, boolean more) {
        return kind == ScopeFactory.Kind.SSE ? new SseRequest(body, more) : new HttpRequest(body, more);
    }

    /** @return the disconnect event of this scope type */
    Event disconnectEvent(DisconnectReason reason) {
        return switch (kind) {
            case HTTP -> new HttpDisconnect();
            case SSE -> new SseDisconnect(reason);
            case WEBSOCKET -> new WebSocketDisconnect(WebSocketDisconnect.ABNORMAL, reason.token());
        };
    }

    /** @return the scope the application was called with */
    public RequestScope scope() {
        return scope;
    }

    /** @return the request head as it arrived */
    public RequestHead head() {
        return head;
    }

    /** The server answered in the application's place (the 500 backstop, a refused handshake). */
    void answeredByServer(int status, long bodyBytes) {
        serverStatus = status;
        serverBodyBytes = bodyBytes;
    }

    /**
     * @return the response status (101 for an accepted WebSocket; the server's own status when it answered for
     *         the application), or 0 if no response started
     */
    public int status() {
        if (serverStatus != 0) {
            return serverStatus;
        }
        return websocket != null && websocket.accepted() ? 101 : encoder.status();
    }

    /** @return response body bytes written (for a WebSocket, frame bytes sent) */
    public long bodyBytes() {
        if (serverStatus != 0) {
            return serverBodyBytes;
        }
        return websocket != null && websocket.accepted() ? websocket.bytesSent() : encoder.bodyBytes();
    }

    /** @return when the request head arrived, in {@link System#nanoTime()} terms */
    public long startNanos() {
        return startNanos;
    }

    /** @return when the request head arrived, in epoch milliseconds */
    public long startMillis() {
        return startMillis;
    }

    /** @return whether the exchange was cut off (aborted or the client went away) */
    public boolean aborted() {
        return aborted || disconnected;
    }

    /** @return why the request ended abnormally, if it did */
    public Optional<DisconnectReason> disconnectReason() {
        return tracker.disconnectReason();
    }
}
