package org.pagi.spec.event;

import java.util.Objects;
import org.pagi.spec.Headers;

/**
 * {@code http.response.trailers} (send): trailer fields after the body. Only valid when the start said
 * {@code trailers = true}; ends the response.
 *
 * @param headers the trailer fields
 */
public record HttpResponseTrailers(Headers headers) implements HttpEvent, SendEvent {
    /** Checks for null. */
    public HttpResponseTrailers {
        Objects.requireNonNull(headers, "headers");
    }

    @Override
    public EventType kind() {
        return EventType.HTTP_RESPONSE_TRAILERS;
    }
}
