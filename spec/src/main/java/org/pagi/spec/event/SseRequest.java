package org.pagi.spec.event;

import java.util.Objects;
import org.pagi.spec.Bytes;

/**
 * {@code sse.request} (receive): a piece of the request body of an SSE stream (POST streams have one). A GET
 * yields a single empty piece with {@code more = false}.
 *
 * @param body the body bytes of this piece
 * @param more whether more pieces follow
 */
public record SseRequest(Bytes body, boolean more) implements SseEvent, ReceiveEvent {
    /** Checks for null. */
    public SseRequest {
        Objects.requireNonNull(body, "body");
    }

    @Override
    public EventType kind() {
        return EventType.SSE_REQUEST;
    }
}
