package org.pagi.spec.event;

import java.util.Objects;
import org.pagi.spec.Bytes;

/**
 * {@code http.response.body} (send) with bytes: one piece of the response body.
 *
 * @param body the bytes; text must be encoded by the application
 * @param more whether more body events follow
 */
public record HttpResponseBody(Bytes body, boolean more) implements HttpResponseBodyEvent {
    /** Checks for null. */
    public HttpResponseBody {
        Objects.requireNonNull(body, "body");
    }

    /** @return the final (or only) piece of a body */
    public static HttpResponseBody last(Bytes body) {
        return new HttpResponseBody(body, false);
    }

    /** @return a piece with more to follow */
    public static HttpResponseBody chunk(Bytes body) {
        return new HttpResponseBody(body, true);
    }
}
