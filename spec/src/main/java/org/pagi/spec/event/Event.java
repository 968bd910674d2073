package org.pagi.spec.event;

/**
 * A PAGI event: a typed message between server and application. One record per type string of the spec; the
 * records group by protocol ({@link HttpEvent}, {@link WebSocketEvent}, {@link SseEvent},
 * {@link LifespanEvent}) and by direction ({@link ReceiveEvent}, {@link SendEvent}), so a {@code switch} over
 * either family is checked for exhaustiveness by the compiler.
 *
 * <p>Events are immutable records and compare by value, bodies included.
 */
public sealed interface Event permits HttpEvent, WebSocketEvent, SseEvent, LifespanEvent, ReceiveEvent, SendEvent {

    /** @return the table entry for this event's type */
    EventType kind();

    /** @return the spec's type string, e.g. {@code "http.request"} */
    default String type() {
        return kind().wireName();
    }
}
