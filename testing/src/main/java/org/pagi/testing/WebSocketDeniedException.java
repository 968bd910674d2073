package org.pagi.testing;

import java.util.OptionalInt;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * {@link WebSocketRequestBuilder#connect()} expected the application to accept the handshake, and it refused:
 * with {@code websocket.close} (a server answers {@code 403}), with a denial response, or, with
 * {@code raiseAppExceptions(false)}, by returning without an answer (the server's {@code 500}). Carries the
 * response the client received; {@link WebSocketRequestBuilder#tryConnect()} returns the same data without
 * throwing.
 */
public final class WebSocketDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient WebSocketHandshake.Denied denial;

    /** @param denial the response the client received */
    public WebSocketDeniedException(WebSocketHandshake.Denied denial) {
        super(describe(denial));
        this.denial = denial;
    }

    private static String describe(WebSocketHandshake.Denied d) {
        String close = d.close().map(c -> " (the application sent websocket.close " + c.code()
                + (c.reason().isEmpty() ? "" : " \"" + c.reason() + "\"") + " before accepting)").orElse("");
        return "the WebSocket handshake was refused: the client received HTTP " + d.status()
                + (d.body().isEmpty() ? "" : " with body " + d.body()) + close;
    }

    /** @return the refusal as a value, for comparing whole */
    public WebSocketHandshake.Denied denial() {
        return denial;
    }

    /** @return the HTTP status the client received */
    public int status() {
        return denial.status();
    }

    /** @return the response headers the application sent */
    public Headers headers() {
        return denial.headers();
    }

    /** @return the whole response body */
    public Bytes body() {
        return denial.body();
    }

    /** @return the code of the application's {@code websocket.close}, when that is how it refused */
    public OptionalInt closeCode() {
        return denial.close().isPresent() ? OptionalInt.of(denial.close().get().code()) : OptionalInt.empty();
    }
}
