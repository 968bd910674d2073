package org.pagi.spec.event;

/** {@code lifespan.startup.complete} (send): startup is done; the server starts accepting connections. */
public record LifespanStartupComplete() implements LifespanEvent, SendEvent {
    @Override
    public EventType kind() {
        return EventType.LIFESPAN_STARTUP_COMPLETE;
    }
}
