package org.pagi.spec.event;

import java.util.Objects;
import org.pagi.spec.Bytes;

/**
 * {@code sse.http.response.body} (send): a piece of the decline response body.
 *
 * @param body the bytes
 * @param more whether more pieces follow
 */
public record SseHttpResponseBody(Bytes body, boolean more) implements SseEvent, SendEvent {
    /** Checks for null. */
    public SseHttpResponseBody {
        Objects.requireNonNull(body, "body");
    }

    @Override
    public EventType kind() {
        return EventType.SSE_HTTP_RESPONSE_BODY;
    }
}
