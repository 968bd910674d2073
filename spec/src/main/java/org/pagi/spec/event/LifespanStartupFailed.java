package org.pagi.spec.event;

import java.util.Objects;

/**
 * {@code lifespan.startup.failed} (send): startup failed; the server logs the message, does not accept connections, and exits non-zero.
 *
 * @param message what went wrong; may be empty
 */
public record LifespanStartupFailed(String message) implements LifespanEvent, SendEvent {
    /** Checks for null. */
    public LifespanStartupFailed {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public EventType kind() {
        return EventType.LIFESPAN_STARTUP_FAILED;
    }
}
