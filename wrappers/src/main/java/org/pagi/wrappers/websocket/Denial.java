package org.pagi.wrappers.websocket;

import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.WebSocketHttpResponseBody;
import org.pagi.spec.event.WebSocketHttpResponseStart;
import org.pagi.wrappers.http.SetCookie;
import org.pagi.wrappers.response.Response;

/** A {@link Response} turned into the denial extension's events, framed as {@code Response.respond} frames it. */
record Denial(WebSocketHttpResponseStart start, WebSocketHttpResponseBody body) {

    static Denial of(WebSocketScope scope, Response response) {
        if (!scope.extensions().has(Extensions.WEBSOCKET_HTTP_RESPONSE)) {
            throw new IllegalStateException("cannot deny with an HTTP response: this server does not advertise the '"
                    + Extensions.WEBSOCKET_HTTP_RESPONSE + "' extension; close() before accepting refuses with 403");
        }
        if (response.status() < 200) {
            throw new IllegalArgumentException("a denial response needs a final status (200-599), got "
                    + response.status());
        }
        Headers.Builder h = Headers.builder().addAll(response.headers().without("content-length"));
        if (response.status() != 204 && response.status() != 304) {
            h.add("content-length", Integer.toString(response.body().length()));
        }
        boolean secure = "wss".equals(scope.scheme());
        for (SetCookie cookie : response.cookies()) {
            h.add("set-cookie", (secure ? cookie.withSecure(true) : cookie).headerValue());
        }
        return new Denial(new WebSocketHttpResponseStart(response.status(), h.build()),
                new WebSocketHttpResponseBody(response.body(), false));
    }
}
