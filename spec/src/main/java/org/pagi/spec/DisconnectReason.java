package org.pagi.spec;

import java.util.Objects;
import java.util.Set;

/**
 * Why a request ended abnormally: one token of the spec's single reason vocabulary, shared by {@code http}
 * ({@code pagi.connection}), {@code websocket} and {@code sse}. A request that completes successfully has no
 * reason. Servers may add their own tokens prefixed {@code x-}.
 *
 * @param token the reason string, e.g. {@code "client_closed"}
 */
public record DisconnectReason(String token) {
    /**
     * The standard tokens, in the order the spec lists them. Declared before the constants below: static
     * initializers run in textual order, and the constructor reads this set.
     */
    public static final Set<String> STANDARD = Set.of(
            "client_closed", "client_timeout", "idle_timeout", "keepalive_timeout", "write_timeout", "write_error",
            "read_error", "protocol_error", "server_shutdown", "server_error", "body_too_large", "queue_overflow");

    /** Client initiated clean close (TCP FIN) mid-request. */
    public static final DisconnectReason CLIENT_CLOSED = new DisconnectReason("client_closed");
    /** Client stopped responding (read timeout). */
    public static final DisconnectReason CLIENT_TIMEOUT = new DisconnectReason("client_timeout");
    /** Connection idle too long before the request arrived. */
    public static final DisconnectReason IDLE_TIMEOUT = new DisconnectReason("idle_timeout");
    /** Keep-alive connection idled out between requests (also: WebSocket pong not received in time). */
    public static final DisconnectReason KEEPALIVE_TIMEOUT = new DisconnectReason("keepalive_timeout");
    /** Response write timed out. */
    public static final DisconnectReason WRITE_TIMEOUT = new DisconnectReason("write_timeout");
    /** Socket write failed (EPIPE, ECONNRESET). */
    public static final DisconnectReason WRITE_ERROR = new DisconnectReason("write_error");
    /** Socket read failed. */
    public static final DisconnectReason READ_ERROR = new DisconnectReason("read_error");
    /** HTTP parse error, invalid request. */
    public static final DisconnectReason PROTOCOL_ERROR = new DisconnectReason("protocol_error");
    /** Server shutting down gracefully. */
    public static final DisconnectReason SERVER_SHUTDOWN = new DisconnectReason("server_shutdown");
    /** Unhandled server-side error aborted the request (including the no-response backstop). */
    public static final DisconnectReason SERVER_ERROR = new DisconnectReason("server_error");
    /** Request body exceeded limit. */
    public static final DisconnectReason BODY_TOO_LARGE = new DisconnectReason("body_too_large");
    /** A bounded server queue overflowed and the connection was dropped. */
    public static final DisconnectReason QUEUE_OVERFLOW = new DisconnectReason("queue_overflow");

    /** Accepts a standard token or one prefixed {@code x-}. */
    public DisconnectReason {
        Objects.requireNonNull(token, "token");
        if (!STANDARD.contains(token) && !(token.startsWith("x-") && token.length() > 2)) {
            throw new IllegalArgumentException(
                    "'" + token + "' is not a standard disconnect reason and lacks the x- prefix of a custom one");
        }
    }

    /** @return whether this is one of the spec's standard tokens */
    public boolean isStandard() {
        return STANDARD.contains(token);
    }

    @Override
    public String toString() {
        return token;
    }
}
