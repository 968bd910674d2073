package org.pagi.spec.event;

/** {@code lifespan.shutdown} (receive): the server stopped accepting connections and closed them: clean up, then send {@code lifespan.shutdown.complete}. */
public record LifespanShutdown() implements LifespanEvent, ReceiveEvent {
    @Override
    public EventType kind() {
        return EventType.LIFESPAN_SHUTDOWN;
    }
}
