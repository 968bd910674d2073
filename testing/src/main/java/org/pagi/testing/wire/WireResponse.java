package org.pagi.testing.wire;

import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * One response as it came off the wire, parsed by the production parser in the client role.
 *
 * @param status    the status code
 * @param headers   the header fields exactly as the server wrote them
 * @param body      the body, de-chunked
 * @param trailers  the trailer fields of a chunked body
 * @param keepAlive whether the connection stays open after it
 */
public record WireResponse(int status, Headers headers, Bytes body, Headers trailers, boolean keepAlive) {
    /** @return the body as UTF-8 text */
    public String text() {
        return body.utf8();
    }
}
