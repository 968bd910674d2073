package org.pagi.testing;

import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * The plain 500 a server answers when the application returned (or failed) without responding: to an HTTP
 * request, a WebSocket handshake or an SSE request alike, so every scope type shows one backstop.
 */
final class Backstop {
    static final int STATUS = 500;
    static final Bytes BODY = Bytes.ascii("Internal Server Error");
    static final Headers HEADERS = Headers.of("content-type", "text/plain; charset=utf-8", "content-length",
            Integer.toString(BODY.length()));

    private Backstop() {
    }
}
