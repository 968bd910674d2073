package org.pagi.spec.event;

import java.util.Objects;
import org.pagi.spec.Bytes;

/**
 * {@code http.request} (receive): one de-chunked piece of the request body.
 *
 * @param body the body bytes of this piece; may be empty
 * @param more whether more body pieces follow
 */
public record HttpRequest(Bytes body, boolean more) implements HttpEvent, ReceiveEvent {
    /** Checks for null. */
    public HttpRequest {
        Objects.requireNonNull(body, "body");
    }

    /** @return the last (or only) piece of a body */
    public static HttpRequest last(Bytes body) {
        return new HttpRequest(body, false);
    }

    @Override
    public EventType kind() {
        return EventType.HTTP_REQUEST;
    }
}
