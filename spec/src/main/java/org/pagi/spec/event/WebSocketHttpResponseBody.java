package org.pagi.spec.event;

import java.util.Objects;
import org.pagi.spec.Bytes;

/**
 * {@code websocket.http.response.body} (send): a piece of the denial response body.
 *
 * @param body the bytes
 * @param more whether more pieces follow
 */
public record WebSocketHttpResponseBody(Bytes body, boolean more) implements WebSocketEvent, SendEvent {
    /** Checks for null. */
    public WebSocketHttpResponseBody {
        Objects.requireNonNull(body, "body");
    }

    @Override
    public EventType kind() {
        return EventType.WEBSOCKET_HTTP_RESPONSE_BODY;
    }
}
