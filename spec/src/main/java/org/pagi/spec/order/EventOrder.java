package org.pagi.spec.order;

import java.util.Set;
import org.pagi.spec.Extensions;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.Scope;
import org.pagi.spec.SseScope;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.EventType;

/**
 * The legal order of events for one scope, as a small state machine. The server, the test client and the
 * compliance suite all ask it, so each rule is written once.
 *
 * <p>Drive it from both sides: {@link #received} for each event handed to the application, {@link #send} for
 * each event the application sends (it throws {@link IllegalEventOrderException} for an illegal one),
 * {@link #peerDisconnected} when the client goes away, and {@link #finish} when the application's stage
 * completes. Implementations are thread-safe: the application and the transport may call from different
 * threads.
 */
public sealed interface EventOrder permits HttpOrder, WebSocketOrder, SseOrder, LifespanOrder {

    /**
     * @return a fresh machine for {@code scope}, honouring the extensions it advertises
     */
    static EventOrder forScope(Scope scope) {
        return switch (scope) {
            case HttpScope http -> new HttpOrder(http.extensions().has(Extensions.FULLFLUSH));
            case WebSocketScope ws -> new WebSocketOrder(ws.extensions().has(Extensions.WEBSOCKET_HTTP_RESPONSE));
            case SseScope sse -> new SseOrder();
            case LifespanScope life -> new LifespanOrder();
        };
    }

    /**
     * Checks an event the application sends and advances the machine.
     *
     * @return whether to deliver or silently drop the event
     * @throws IllegalEventOrderException if the event may not come now
     * @throws IllegalArgumentException   if the event does not belong to this scope type at all
     */
    Verdict send(Event event);

    /**
     * Records an event handed to the application.
     *
     * @throws IllegalEventOrderException (side {@code SERVER}) if a server may not deliver it now
     */
    void received(Event event);

    /** Records that the client went away: later sends are no-ops. */
    void peerDisconnected();

    /** @return how the scope stands now that the application has finished */
    Ending finish();

    /** @return the events the application may send next (empty when it may send nothing) */
    Set<EventType> allowedSends();

    /** @return the current state, for messages and logs */
    String state();

    /** @return the scope type this machine checks */
    String scopeType();
}
