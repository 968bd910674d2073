package org.pagi.testing;

import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.WebSocketClose;

/**
 * How the application answered a WebSocket handshake: {@link Accepted} with the open session, or {@link Denied}
 * with the HTTP response a client receives instead. Returned by {@link WebSocketRequestBuilder#tryConnect()};
 * {@link WebSocketRequestBuilder#connect()} turns a denial into a {@link WebSocketDeniedException}.
 *
 * <p>Immutable (the session inside {@link Accepted} is not).
 */
public sealed interface WebSocketHandshake {

    /**
     * The application sent {@code websocket.accept}.
     *
     * @param session the open WebSocket
     */
    record Accepted(WebSocketSession session) implements WebSocketHandshake {
        /** Checks for null. */
        public Accepted {
            Objects.requireNonNull(session, "session");
        }
    }

    /**
     * The handshake failed, and the client received this HTTP response instead of {@code 101}.
     *
     * <ul>
     *   <li>{@code websocket.close} before accepting: a bare {@code 403}, no headers, an empty body, and
     *       {@code close} holding what the application sent (its code never reaches a real client).</li>
     *   <li>A denial response ({@code websocket.http.response.start} and its body events): that status, those
     *       headers exactly as sent, and the whole body.</li>
     *   <li>The application returned without answering, with {@code raiseAppExceptions(false)}: the server's
     *       {@code 500} backstop.</li>
     * </ul>
     *
     * @param status  the HTTP status
     * @param headers the response headers the application sent (framing headers a server adds are not shown)
     * @param body    the whole response body
     * @param close   the application's {@code websocket.close}, when that is how it refused
     */
    record Denied(int status, Headers headers, Bytes body, Optional<WebSocketClose> close)
            implements WebSocketHandshake {
        /** The status a server answers a handshake refused with {@code websocket.close}. */
        public static final int FORBIDDEN = 403;

        /** Checks for nulls. */
        public Denied {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(close, "close");
        }

        /** @return the denial a server makes of a {@code websocket.close} sent before accepting */
        public static Denied byClose(WebSocketClose close) {
            return new Denied(FORBIDDEN, Headers.empty(), Bytes.empty(), Optional.of(close));
        }

        /** @return a denial by custom response (the {@code websocket.http.response} extension) */
        public static Denied byResponse(int status, Headers headers, Bytes body) {
            return new Denied(status, headers, body, Optional.empty());
        }
    }
}
