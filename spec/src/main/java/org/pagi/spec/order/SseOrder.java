package org.pagi.spec.order;

import static org.pagi.spec.event.EventType.SSE_CLOSE;
import static org.pagi.spec.event.EventType.SSE_COMMENT;
import static org.pagi.spec.event.EventType.SSE_HTTP_RESPONSE_BODY;
import static org.pagi.spec.event.EventType.SSE_HTTP_RESPONSE_START;
import static org.pagi.spec.event.EventType.SSE_KEEPALIVE;
import static org.pagi.spec.event.EventType.SSE_SEND;
import static org.pagi.spec.event.EventType.SSE_START;

import java.util.EnumSet;
import java.util.Set;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.EventType;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseRequest;

/**
 * The legal order of an {@code sse} scope.
 *
 * <h2>Theory of operation</h2>
 * <pre>
 *   AWAITING_START --sse.start--> STREAMING --sse.close--> CLOSED
 *        |                        (sse.send, sse.comment, sse.keepalive: stay STREAMING)
 *        +--sse.http.response.start--> DECLINING --sse.http.response.body(more=false)--> DECLINED
 * </pre>
 * First send wins: after {@code sse.start} the decline events fail, and after {@code sse.http.response.start}
 * the stream events fail. {@code sse.close} is idempotent (a second one is ignored); any other stream event
 * after it fails. Returning from the application while STREAMING ends the stream normally, exactly like
 * {@code sse.close}. Inbound: {@code sse.request} pieces until {@code more = false}, then {@code sse.disconnect}.
 */
public final class SseOrder implements EventOrder {
    /** The stream's progress. */
    public enum State { AWAITING_START, STREAMING, CLOSED, DECLINING, DECLINED }

    private static final Set<EventType> SENDS = EnumSet.of(SSE_START, SSE_SEND, SSE_COMMENT, SSE_KEEPALIVE,
            SSE_CLOSE, SSE_HTTP_RESPONSE_START, SSE_HTTP_RESPONSE_BODY);
    private static final Set<EventType> STREAM_EVENTS = EnumSet.of(SSE_SEND, SSE_COMMENT, SSE_KEEPALIVE, SSE_CLOSE);

    private State state = State.AWAITING_START;
    private boolean requestComplete;
    private boolean disconnected;

    @Override
    public synchronized Verdict send(Event event) {
        OrderChecks.requireSendOf("sse", event, SENDS);
        if (disconnected) {
            return Verdict.IGNORE;
        }
        EventType kind = event.kind();
        switch (state) {
            case AWAITING_START -> {
                OrderChecks.requireFinalStatus("sse", event, this::illegal);
                if (kind == SSE_START) {
                    state = State.STREAMING;
                } else if (kind == SSE_HTTP_RESPONSE_START) {
                    state = State.DECLINING;
                } else if (kind == SSE_HTTP_RESPONSE_BODY) {
                    throw illegal(event, "a decline body needs sse.http.response.start first");
                } else {
                    throw illegal(event, "the stream has not started; send sse.start first");
                }
            }
            case STREAMING -> {
                if (kind == SSE_START) {
                    throw illegal(event, "duplicate sse.start: the stream already started");
                }
                if (!STREAM_EVENTS.contains(kind)) {
                    throw illegal(event, "the stream already started, so it can no longer be declined");
                }
                if (kind == SSE_CLOSE) {
                    state = State.CLOSED;
                }
            }
            case CLOSED -> {
                if (kind == SSE_CLOSE) {
                    return Verdict.IGNORE; // sse.close is idempotent
                }
                throw illegal(event, "the stream is closed: sse.close was already sent");
            }
            case DECLINING -> {
                if (!(event instanceof SseHttpResponseBody body)) {
                    throw illegal(event, "the request is being declined; only the decline body may follow");
                }
                if (!body.more()) {
                    state = State.DECLINED;
                }
            }
            case DECLINED -> throw illegal(event, "the request was declined and the response is complete");
        }
        return Verdict.DELIVER;
    }

    @Override
    public synchronized void received(Event event) {
        OrderChecks.requireReceiveOf("sse", event);
        if (event instanceof SseRequest req) {
            if (requestComplete) { // body bytes queued before a client left are still delivered
                throw new IllegalEventOrderException(IllegalEventOrderException.Side.SERVER, "sse", state(),
                        event.type(), Set.of(EventType.SSE_DISCONNECT),
                        "the request body already ended; only sse.disconnect may follow");
            }
            requestComplete = !req.more();
        } else {
            disconnected = true; // sse.disconnect: nothing may be delivered after it
            requestComplete = true;
        }
    }

    @Override
    public synchronized void peerDisconnected() {
        disconnected = true;
    }

    @Override
    public synchronized Ending finish() {
        return switch (state) {
            case STREAMING, CLOSED, DECLINED -> Ending.COMPLETE;
            case AWAITING_START -> disconnected ? Ending.DISCONNECTED : Ending.NOT_STARTED;
            case DECLINING -> disconnected ? Ending.DISCONNECTED : Ending.UNFINISHED;
        };
    }

    @Override
    public synchronized Set<EventType> allowedSends() {
        if (disconnected) {
            return Set.of();
        }
        return Set.copyOf(switch (state) {
            case AWAITING_START -> EnumSet.of(SSE_START, SSE_HTTP_RESPONSE_START);
            case STREAMING -> STREAM_EVENTS;
            case CLOSED -> EnumSet.of(SSE_CLOSE);
            case DECLINING -> EnumSet.of(SSE_HTTP_RESPONSE_BODY);
            case DECLINED -> EnumSet.noneOf(EventType.class);
        });
    }

    /** @return the stream's progress */
    public synchronized State current() {
        return state;
    }

    @Override
    public synchronized String state() {
        return disconnected ? state + "+DISCONNECTED" : state.name();
    }

    @Override
    public String scopeType() {
        return "sse";
    }

    private IllegalEventOrderException illegal(Event event, String rule) {
        return new IllegalEventOrderException(IllegalEventOrderException.Side.APPLICATION, "sse", state(),
                event.type(), allowedSends(), rule);
    }
}
