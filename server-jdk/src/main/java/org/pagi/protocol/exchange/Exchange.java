package org.pagi.protocol.exchange;

import java.util.Optional;
import org.pagi.spec.HttpScope;
import org.pagi.spec.order.HttpOrder;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.spec.server.FlowTracker;
import org.pagi.spec.server.InboundQueue;
import org.pagi.spec.server.RequestHead;

/**
 * One request on a connection, from its head to the end of its response: the scope and the per-request
 * objects the application sees ({@code pagi.connection}, {@code pagi.transport}, the inbound queue), the order
 * rules, and the response encoder. Owned by its {@link Http1Connection}; read by the transport for logging.
 */
public final class Exchange {
    final RequestHead head;
    final HttpScope scope;
    final HttpOrder order;
    final ConnectionTracker tracker;
    final FlowTracker flow;
    final InboundQueue inbound;
    final ResponseEncoder encoder;
    final long startNanos;
    final long startMillis;
    boolean expectContinue;
    boolean continueSent;
    boolean requestComplete;
    boolean responseDone;
    boolean appFinished;
    boolean aborted;
    boolean disconnected;
    boolean readPaused;

    Exchange(RequestHead head, HttpScope scope, ConnectionTracker tracker, FlowTracker flow, InboundQueue inbound,
            ResponseEncoder encoder, long startNanos, long startMillis) {
        this.head = head;
        this.scope = scope;
        this.order = new HttpOrder(scope.extensions().has(org.pagi.spec.Extensions.FULLFLUSH));
        this.tracker = tracker;
        this.flow = flow;
        this.inbound = inbound;
        this.encoder = encoder;
        this.startNanos = startNanos;
        this.startMillis = startMillis;
    }

    /** @return the scope the application was called with */
    public HttpScope scope() {
        return scope;
    }

    /** @return the request head as it arrived */
    public RequestHead head() {
        return head;
    }

    /** @return the response status, or 0 if no response started */
    public int status() {
        return encoder.status();
    }

    /** @return response body bytes written */
    public long bodyBytes() {
        return encoder.bodyBytes();
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
    public Optional<org.pagi.spec.DisconnectReason> disconnectReason() {
        return tracker.disconnectReason();
    }
}
