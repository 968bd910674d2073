package org.pagi.spec.event;

/**
 * {@code http.disconnect} (receive): the client went away, or {@code receive} was called after the response
 * was sent. Read {@code pagi.connection} for the reason.
 */
public record HttpDisconnect() implements HttpEvent, ReceiveEvent {
    @Override
    public EventType kind() {
        return EventType.HTTP_DISCONNECT;
    }
}
