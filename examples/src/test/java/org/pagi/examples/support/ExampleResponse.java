package org.pagi.examples.support;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * An HTTP response as a client received it, independent of the transport.
 *
 * @param status   the status code
 * @param headers  the response headers (a live server adds its own, such as {@code date}; checks look fields up by
 *                 name rather than compare the whole list)
 * @param chunks   the non-empty body pieces, in order
 * @param trailers the trailer fields; empty when none came
 */
public record ExampleResponse(int status, Headers headers, List<Bytes> chunks, Headers trailers) {

    /** Copies the chunk list; a null component is refused. */
    public ExampleResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(trailers, "trailers");
        chunks = List.copyOf(chunks);
    }

    /** @return the first value of header {@code name} */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** @return the whole body */
    public Bytes body() {
        return chunks.stream().reduce(Bytes.empty(), Bytes::concat);
    }

    /** @return the whole body decoded as UTF-8 */
    public String text() {
        return body().utf8();
    }
}
