package org.pagi.spec.event;

import java.util.Objects;
import org.pagi.spec.Headers;

/**
 * {@code http.response.start} (send): the status and headers of the response. Servers need not write it until
 * the first body event, so an error can still become a 500. {@code transfer-encoding} set here is ignored.
 *
 * @param status   the status code, 100-599 (a final response has 200 or more; the order rules check that)
 * @param headers  the response headers
 * @param trailers whether {@code http.response.trailers} will follow the body
 */
public record HttpResponseStart(int status, Headers headers, boolean trailers) implements HttpEvent, SendEvent {
    /** Checks the status range. */
    public HttpResponseStart {
        Status.check("http.response.start", status);
        Objects.requireNonNull(headers, "headers");
    }

    /** @return a start with no trailers */
    public HttpResponseStart(int status, Headers headers) {
        this(status, headers, false);
    }

    @Override
    public EventType kind() {
        return EventType.HTTP_RESPONSE_START;
    }
}
