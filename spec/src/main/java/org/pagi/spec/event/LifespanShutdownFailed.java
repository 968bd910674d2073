package org.pagi.spec.event;

import java.util.Objects;

/**
 * {@code lifespan.shutdown.failed} (send): clean-up failed; the server logs the message and exits.
 *
 * @param message what went wrong; may be empty
 */
public record LifespanShutdownFailed(String message) implements LifespanEvent, SendEvent {
    /** Checks for null. */
    public LifespanShutdownFailed {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public EventType kind() {
        return EventType.LIFESPAN_SHUTDOWN_FAILED;
    }
}
