package org.pagi.spec.event;

/** {@code lifespan.shutdown.complete} (send): clean-up is done; the server may exit. */
public record LifespanShutdownComplete() implements LifespanEvent, SendEvent {
    @Override
    public EventType kind() {
        return EventType.LIFESPAN_SHUTDOWN_COMPLETE;
    }
}
