package org.pagi.spec.event;

import java.util.Objects;
import org.pagi.spec.DisconnectReason;

/**
 * {@code sse.disconnect} (receive): the client went away or the server ended the stream.
 *
 * @param reason a standard disconnect token, e.g. {@code client_closed}, {@code server_shutdown}
 */
public record SseDisconnect(DisconnectReason reason) implements SseEvent, ReceiveEvent {
    /** Checks for null. */
    public SseDisconnect {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public EventType kind() {
        return EventType.SSE_DISCONNECT;
    }
}
