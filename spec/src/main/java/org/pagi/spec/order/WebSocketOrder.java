package org.pagi.spec.order;

import static org.pagi.spec.event.EventType.WEBSOCKET_ACCEPT;
import static org.pagi.spec.event.EventType.WEBSOCKET_CLOSE;
import static org.pagi.spec.event.EventType.WEBSOCKET_HTTP_RESPONSE_BODY;
import static org.pagi.spec.event.EventType.WEBSOCKET_HTTP_RESPONSE_START;
import static org.pagi.spec.event.EventType.WEBSOCKET_KEEPALIVE;
import static org.pagi.spec.event.EventType.WEBSOCKET_SEND;

import java.util.EnumSet;
import java.util.Set;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.EventType;
import org.pagi.spec.event.WebSocketHttpResponseBody;
import org.pagi.spec.event.WebSocketHttpResponseStart;

/**
 * The legal order of a {@code websocket} scope.
 *
 * <h2>Theory of operation</h2>
 * <pre>
 *   HANDSHAKE --websocket.accept--> OPEN --websocket.close--> CLOSED
 *       |                            (send, keepalive: stay OPEN)
 *       +--websocket.close--> CLOSED            (the server answers the handshake with 403)
 *       +--websocket.http.response.start--> DENYING --websocket.http.response.body(more=false)--> DENIED
 * </pre>
 * The denial events need the {@code websocket.http.response} extension. After {@code websocket.accept} the
 * spec says they "are invalid and MUST be ignored", so they yield {@link Verdict#IGNORE} rather than an error.
 * Inbound: {@code websocket.connect} first, {@code websocket.receive} only while OPEN, then
 * {@code websocket.disconnect}; after the disconnect every send is a no-op.
 *
 * <p>The tricky case: a send after the application's own {@code websocket.close} is an application bug and
 * fails, while the same send after the client closed is a silent no-op.
 */
public final class WebSocketOrder implements EventOrder {
    /** The session's progress. */
    public enum State { HANDSHAKE, OPEN, CLOSED, DENYING, DENIED }

    private static final Set<EventType> SENDS = EnumSet.of(WEBSOCKET_ACCEPT, WEBSOCKET_SEND, WEBSOCKET_KEEPALIVE,
            WEBSOCKET_CLOSE, WEBSOCKET_HTTP_RESPONSE_START, WEBSOCKET_HTTP_RESPONSE_BODY);

    private final boolean denialAdvertised;
    private State state = State.HANDSHAKE;
    private boolean connectDelivered;
    private boolean disconnected;

    /** @param denialAdvertised whether the scope advertises {@code websocket.http.response} */
    public WebSocketOrder(boolean denialAdvertised) {
        this.denialAdvertised = denialAdvertised;
    }

    @Override
    public synchronized Verdict send(Event event) {
        OrderChecks.requireSendOf("websocket", event, SENDS);
        EventType kind = event.kind();
        boolean denial = kind == WEBSOCKET_HTTP_RESPONSE_START || kind == WEBSOCKET_HTTP_RESPONSE_BODY;
        if (denial && !denialAdvertised) {
            throw new IllegalArgumentException("websocket: " + kind.wireName()
                    + " needs the 'websocket.http.response' extension, which this scope does not advertise;"
                    + " send websocket.close to refuse the handshake with 403");
        }
        if (disconnected) {
            return Verdict.IGNORE;
        }
        switch (state) {
            case HANDSHAKE -> {
                switch (event) {
                    case WebSocketHttpResponseStart s -> {
                        OrderChecks.requireFinalStatus("websocket", event, this::illegal);
                        state = State.DENYING;
                    }
                    case WebSocketHttpResponseBody b -> throw illegal(event,
                            "a denial body needs websocket.http.response.start first");
                    default -> {
                        if (kind == WEBSOCKET_ACCEPT) {
                            state = State.OPEN;
                        } else if (kind == WEBSOCKET_CLOSE) {
                            state = State.CLOSED;
                        } else {
                            throw illegal(event, "the handshake is not complete; accept or refuse it first");
                        }
                    }
                }
            }
            case OPEN -> {
                if (denial) {
                    return Verdict.IGNORE; // spec: after websocket.accept these events MUST be ignored
                }
                if (kind == WEBSOCKET_ACCEPT) {
                    throw illegal(event, "duplicate websocket.accept: the WebSocket is already open");
                }
                if (kind == WEBSOCKET_CLOSE) {
                    state = State.CLOSED;
                }
            }
            case DENYING -> {
                if (!(event instanceof WebSocketHttpResponseBody body)) {
                    throw illegal(event, "the handshake is being denied; only the denial body may follow");
                }
                if (!body.more()) {
                    state = State.DENIED;
                }
            }
            case CLOSED -> throw illegal(event, "the WebSocket is closed: websocket.close was already sent");
            case DENIED -> throw illegal(event, "the handshake was denied and the denial response is complete");
        }
        return Verdict.DELIVER;
    }

    @Override
    public synchronized void received(Event event) {
        OrderChecks.requireReceiveOf("websocket", event);
        switch (event.kind()) {
            case WEBSOCKET_CONNECT -> {
                if (connectDelivered) {
                    throw serverIllegal(event, "websocket.connect comes once, first");
                }
                connectDelivered = true;
            }
            case WEBSOCKET_RECEIVE -> {
                if (state != State.OPEN || disconnected) {
                    throw serverIllegal(event, "messages arrive only while the WebSocket is open");
                }
            }
            default -> disconnected = true; // websocket.disconnect
        }
    }

    @Override
    public synchronized void peerDisconnected() {
        disconnected = true;
    }

    @Override
    public synchronized Ending finish() {
        return switch (state) {
            case CLOSED, DENIED -> Ending.COMPLETE;
            case HANDSHAKE -> disconnected ? Ending.DISCONNECTED : Ending.NOT_STARTED;
            case OPEN, DENYING -> disconnected ? Ending.DISCONNECTED : Ending.UNFINISHED;
        };
    }

    @Override
    public synchronized Set<EventType> allowedSends() {
        if (disconnected) {
            return Set.of();
        }
        Set<EventType> next = switch (state) {
            case HANDSHAKE -> denialAdvertised
                    ? EnumSet.of(WEBSOCKET_ACCEPT, WEBSOCKET_CLOSE, WEBSOCKET_HTTP_RESPONSE_START)
                    : EnumSet.of(WEBSOCKET_ACCEPT, WEBSOCKET_CLOSE);
            case OPEN -> EnumSet.of(WEBSOCKET_SEND, WEBSOCKET_KEEPALIVE, WEBSOCKET_CLOSE);
            case DENYING -> EnumSet.of(WEBSOCKET_HTTP_RESPONSE_BODY);
            case CLOSED, DENIED -> EnumSet.noneOf(EventType.class);
        };
        return Set.copyOf(next);
    }

    /** @return the session's progress */
    public synchronized State current() {
        return state;
    }

    @Override
    public synchronized String state() {
        return disconnected ? state + "+DISCONNECTED" : state.name();
    }

    @Override
    public String scopeType() {
        return "websocket";
    }

    private IllegalEventOrderException illegal(Event event, String rule) {
        return new IllegalEventOrderException(IllegalEventOrderException.Side.APPLICATION, "websocket", state(),
                event.type(), allowedSends(), rule);
    }

    private IllegalEventOrderException serverIllegal(Event event, String rule) {
        return new IllegalEventOrderException(IllegalEventOrderException.Side.SERVER, "websocket", state(),
                event.type(), Set.of(), rule);
    }
}
