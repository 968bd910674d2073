package org.pagi.spec.event;

/** {@code lifespan.startup} (receive): the server is about to accept connections: set up, then send {@code lifespan.startup.complete} or {@code lifespan.startup.failed}. */
public record LifespanStartup() implements LifespanEvent, ReceiveEvent {
    @Override
    public EventType kind() {
        return EventType.LIFESPAN_STARTUP;
    }
}
