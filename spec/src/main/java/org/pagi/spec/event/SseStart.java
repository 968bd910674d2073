package org.pagi.spec.event;

import java.util.Objects;
import org.pagi.spec.Headers;

/**
 * {@code sse.start} (send): start the event stream. The server adds {@code content-type: text/event-stream},
 * {@code cache-control: no-cache} and {@code date} when absent.
 *
 * @param status  the status code, normally 200
 * @param headers extra response headers
 */
public record SseStart(int status, Headers headers) implements SseEvent, SendEvent {
    /** Checks the status range. */
    public SseStart {
        Status.check("sse.start", status);
        Objects.requireNonNull(headers, "headers");
    }

    /** @return a 200 start with no extra headers */
    public SseStart() {
        this(200, Headers.empty());
    }

    @Override
    public EventType kind() {
        return EventType.SSE_START;
    }
}
