package org.pagi.wrappers.websocket;

import java.util.Objects;

/**
 * How a WebSocket ended. Who closed first decides the values: the peer's close code and reason (1005 when its
 * Close frame carried no code, 1006 with a disconnect token such as {@code client_closed} when the connection
 * dropped), or the code this side sent with {@link WebSocket#close(int, String)}. A handshake refused with
 * {@link WebSocket#deny} ends as 1006 with reason {@code denied}.
 *
 * @param code   an RFC 6455 close code, 1000-4999
 * @param reason the reason text; may be empty
 */
public record Closed(int code, String reason) implements Received {
    /** The reason a denied handshake ends with. */
    public static final String DENIED = "denied";

    /** Checks for null. */
    public Closed {
        Objects.requireNonNull(reason, "reason");
    }
}
