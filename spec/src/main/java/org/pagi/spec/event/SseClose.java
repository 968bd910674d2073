package org.pagi.spec.event;

import java.util.Objects;

/**
 * {@code sse.close} (send): end the stream now. Idempotent; afterwards further stream events fail.
 *
 * @param reason server-side metadata for logs; never sent to the client; may be empty
 */
public record SseClose(String reason) implements SseEvent, SendEvent {
    /** Checks for null. */
    public SseClose {
        Objects.requireNonNull(reason, "reason");
    }

    /** @return a close with no reason */
    public SseClose() {
        this("");
    }

    @Override
    public EventType kind() {
        return EventType.SSE_CLOSE;
    }
}
