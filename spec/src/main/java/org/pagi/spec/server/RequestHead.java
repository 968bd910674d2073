package org.pagi.spec.server;

import java.util.Objects;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * A request line and header section as they arrived, before any PAGI interpretation: the input of
 * {@link ScopeFactory}. The HTTP/1.1 parser produces one; the test client builds one exactly as a real client's
 * bytes would produce it.
 *
 * @param method      the method token, as sent (methods are case-sensitive, RFC 9110 section 9.1)
 * @param target      the request target bytes, as sent (origin-form, absolute-form or {@code *})
 * @param httpVersion {@code "1.0"}, {@code "1.1"} or {@code "2"}
 * @param headers     the header fields in arrival order (names lower-cased, values byte-exact)
 */
public record RequestHead(String method, Bytes target, String httpVersion, Headers headers) {
    /** Checks for nulls. */
    public RequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(httpVersion, "httpVersion");
        Objects.requireNonNull(headers, "headers");
    }
}
