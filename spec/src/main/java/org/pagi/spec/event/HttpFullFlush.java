package org.pagi.spec.event;

/**
 * {@code http.fullflush} (send): write whatever is buffered to the client now. Only valid when the scope's
 * extensions advertise {@code fullflush}.
 */
public record HttpFullFlush() implements HttpEvent, SendEvent {
    @Override
    public EventType kind() {
        return EventType.HTTP_FULLFLUSH;
    }
}
