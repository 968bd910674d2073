package org.pagi.spec.event;

import java.util.Objects;
import org.pagi.spec.Headers;

/**
 * {@code sse.http.response.start} (send): decline the stream with an ordinary HTTP response (a 401, a 404, a
 * 204 to stop an {@code EventSource} reconnecting, ...). Only before {@code sse.start}.
 *
 * @param status  the status code
 * @param headers the response headers
 */
public record SseHttpResponseStart(int status, Headers headers) implements SseEvent, SendEvent {
    /** Checks the status range. */
    public SseHttpResponseStart {
        Status.check("sse.http.response.start", status);
        Objects.requireNonNull(headers, "headers");
    }

    @Override
    public EventType kind() {
        return EventType.SSE_HTTP_RESPONSE_START;
    }
}
