package org.pagi.spec.event;

import java.util.Objects;
import org.pagi.spec.Headers;

/**
 * {@code websocket.http.response.start} (send): deny the handshake with a custom HTTP response instead of a bare
 * 403. Only before {@code websocket.accept}, and only when the scope advertises {@code websocket.http.response}.
 *
 * @param status  the status code
 * @param headers the response headers
 */
public record WebSocketHttpResponseStart(int status, Headers headers) implements WebSocketEvent, SendEvent {
    /** Checks the status range. */
    public WebSocketHttpResponseStart {
        Status.check("websocket.http.response.start", status);
        Objects.requireNonNull(headers, "headers");
    }

    @Override
    public EventType kind() {
        return EventType.WEBSOCKET_HTTP_RESPONSE_START;
    }
}
