package org.pagi.testing.wire;

import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * The server answered a WebSocket handshake ({@link WireConnection#websocket}) or an event-stream request
 * ({@link WireConnection#sse}) with an ordinary HTTP response instead: a {@code 403} for an application that closed
 * before accepting, a {@code 400} or {@code 426} for a bad handshake, a denial or decline response the application
 * wrote, a {@code 500} for one that gave no answer. Carries that response, read to its end. Immutable.
 */
public final class WireRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient WireResponse response;

    WireRefusedException(String what, WireResponse response) {
        super(what + ": the server answered HTTP " + response.status()
                + (response.body().isEmpty() ? "" : " with body " + response.body()));
        this.response = response;
    }

    /** @return the whole response, as the client received it */
    public WireResponse response() {
        return response;
    }

    /** @return its status code */
    public int status() {
        return response.status();
    }

    /** @return its header fields, exactly as the server wrote them */
    public Headers headers() {
        return response.headers();
    }

    /** @return its body, de-chunked */
    public Bytes body() {
        return response.body();
    }
}
