package org.pagi.spec.order;

import static org.pagi.spec.event.EventType.HTTP_FULLFLUSH;
import static org.pagi.spec.event.EventType.HTTP_RESPONSE_BODY;
import static org.pagi.spec.event.EventType.HTTP_RESPONSE_START;
import static org.pagi.spec.event.EventType.HTTP_RESPONSE_TRAILERS;

import java.util.EnumSet;
import java.util.Set;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.EventType;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBodyEvent;
import org.pagi.spec.event.HttpResponseStart;

/**
 * The legal order of an {@code http} scope.
 *
 * <h2>Theory of operation</h2>
 * <pre>
 *   AWAITING_START --http.response.start--> BODY --body(more=false)--> COMPLETE
 *                                            |  \--body(more=false), trailers declared--> AWAITING_TRAILERS
 *                                            |                                               |
 *                                            +--http.response.trailers (declared)------------+--> COMPLETE
 * </pre>
 * {@code http.response.body} with {@code more = true} stays in BODY. {@code http.fullflush} is allowed once the
 * response started and until it is complete (before the start there is nothing to flush), and only if the
 * scope advertises {@code fullflush}. The inbound side: {@code http.request}
 * pieces until one has {@code more = false}, then only {@code http.disconnect}.
 *
 * <p>The tricky case is disconnect: once the client is gone every send is a no-op ({@link Verdict#IGNORE}),
 * whatever the state, because the spec makes a send after disconnect neither deliver nor raise. An
 * {@code http.disconnect} handed out after the response completed is not a client drop; it only tells the
 * application there is nothing more to read, so later sends still fail as "already complete".
 */
public final class HttpOrder implements EventOrder {
    /** The response's progress. */
    public enum State { AWAITING_START, BODY, AWAITING_TRAILERS, COMPLETE }

    private static final Set<EventType> SENDS = EnumSet.of(HTTP_RESPONSE_START, HTTP_RESPONSE_BODY,
            HTTP_RESPONSE_TRAILERS, HTTP_FULLFLUSH);

    private final boolean fullflush;
    private State state = State.AWAITING_START;
    private boolean trailersDeclared;
    private boolean requestComplete;
    private boolean disconnected;

    /** @param fullflushAdvertised whether the scope advertises the {@code fullflush} extension */
    public HttpOrder(boolean fullflushAdvertised) {
        this.fullflush = fullflushAdvertised;
    }

    @Override
    public synchronized Verdict send(Event event) {
        OrderChecks.requireSendOf("http", event, SENDS);
        if (event.kind() == HTTP_FULLFLUSH && !fullflush) {
            throw new IllegalArgumentException(
                    "http: http.fullflush needs the 'fullflush' extension, which this scope does not advertise");
        }
        if (disconnected) {
            return Verdict.IGNORE;
        }
        if (state == State.COMPLETE) {
            throw illegal(event, "the response is already complete; nothing may be sent after it");
        }
        switch (event) {
            case HttpResponseStart start -> {
                if (state != State.AWAITING_START) {
                    throw illegal(event, "duplicate http.response.start: the response already started");
                }
                if (start.status() < 200) {
                    throw illegal(event, "status " + start.status()
                            + " is informational; a response starts with a final status (200-599), and the server"
                            + " sends 100 Continue itself");
                }
                trailersDeclared = start.trailers();
                state = State.BODY;
            }
            case HttpResponseBodyEvent body -> {
                switch (state) {
                    case AWAITING_START -> throw illegal(event, "the response must start before its body");
                    case AWAITING_TRAILERS -> throw illegal(event,
                            "the body already ended; http.response.start declared trailers, so they come next");
                    default -> {
                        if (!body.more()) {
                            state = trailersDeclared ? State.AWAITING_TRAILERS : State.COMPLETE;
                        }
                    }
                }
            }
            default -> {
                if (event.kind() == HTTP_FULLFLUSH && state == State.AWAITING_START) {
                    throw illegal(event, "the response must start before there is anything to flush");
                }
                if (event.kind() == HTTP_RESPONSE_TRAILERS) {
                    if (state == State.AWAITING_START) {
                        throw illegal(event, "the response must start before its trailers");
                    }
                    if (!trailersDeclared) {
                        throw illegal(event, "trailers need trailers=true on http.response.start");
                    }
                    state = State.COMPLETE;
                }
                // http.fullflush after the start changes nothing.
            }
        }
        return Verdict.DELIVER;
    }

    @Override
    public synchronized void received(Event event) {
        OrderChecks.requireReceiveOf("http", event);
        switch (event) {
            case HttpRequest req -> {
                if (requestComplete) { // body bytes queued before a client left are still delivered
                    throw new IllegalEventOrderException(IllegalEventOrderException.Side.SERVER, "http", state(),
                            event.type(), Set.of(EventType.HTTP_DISCONNECT),
                            "the request body already ended; only http.disconnect may follow");
                }
                requestComplete = !req.more();
            }
            case HttpDisconnect d -> {
                requestComplete = true;
                if (state != State.COMPLETE) {
                    disconnected = true;
                }
            }
            default -> throw new IllegalArgumentException("http: unexpected inbound " + event.type());
        }
    }

    @Override
    public synchronized void peerDisconnected() {
        disconnected = true;
    }

    @Override
    public synchronized Ending finish() {
        if (state == State.COMPLETE) {
            return Ending.COMPLETE;
        }
        if (disconnected) {
            return Ending.DISCONNECTED;
        }
        return state == State.AWAITING_START ? Ending.NOT_STARTED : Ending.UNFINISHED;
    }

    @Override
    public synchronized Set<EventType> allowedSends() {
        if (disconnected) {
            return Set.of();
        }
        Set<EventType> next = switch (state) {
            case AWAITING_START -> EnumSet.of(HTTP_RESPONSE_START);
            case BODY -> trailersDeclared ? EnumSet.of(HTTP_RESPONSE_BODY, HTTP_RESPONSE_TRAILERS)
                    : EnumSet.of(HTTP_RESPONSE_BODY);
            case AWAITING_TRAILERS -> EnumSet.of(HTTP_RESPONSE_TRAILERS);
            case COMPLETE -> EnumSet.noneOf(EventType.class);
        };
        if (fullflush && (state == State.BODY || state == State.AWAITING_TRAILERS)) {
            next.add(HTTP_FULLFLUSH);
        }
        return Set.copyOf(next);
    }

    /** @return the response's progress */
    public synchronized State current() {
        return state;
    }

    /** @return whether the response has started */
    public synchronized boolean responseStarted() {
        return state != State.AWAITING_START;
    }

    /** @return whether {@code http.response.start} declared trailers */
    public synchronized boolean trailersDeclared() {
        return trailersDeclared;
    }

    @Override
    public synchronized String state() {
        return disconnected ? state + "+DISCONNECTED" : state.name();
    }

    @Override
    public String scopeType() {
        return "http";
    }

    private IllegalEventOrderException illegal(Event event, String rule) {
        return new IllegalEventOrderException(IllegalEventOrderException.Side.APPLICATION, "http", state(),
                event.type(), allowedSends(), rule);
    }
}
