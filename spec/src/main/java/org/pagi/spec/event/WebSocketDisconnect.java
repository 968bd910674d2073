package org.pagi.spec.event;

import java.util.Objects;

/**
 * {@code websocket.disconnect} (receive): the WebSocket is closed.
 *
 * <p>If the peer sent a Close frame, {@code code} is its code (1005 if it had none) and {@code reason} its
 * text. If the connection dropped with no close handshake, {@code code} is 1006 and {@code reason} a standard
 * disconnect token such as {@code client_closed}. If the server closed it for a protocol violation,
 * {@code code} is the code it sent (1002, 1007, 1008, 1009) and {@code reason} {@code protocol_error} or
 * {@code queue_overflow}.
 *
 * @param code   the RFC 6455 close code (1000-4999)
 * @param reason the peer's reason text or a disconnect token; may be empty
 */
public record WebSocketDisconnect(int code, String reason) implements WebSocketEvent, ReceiveEvent {
    /** No status code was present in the peer's Close frame. */
    public static final int NO_STATUS = 1005;
    /** The connection closed with no Close frame. */
    public static final int ABNORMAL = 1006;

    /** Checks the code range. */
    public WebSocketDisconnect {
        Objects.requireNonNull(reason, "reason");
        if (code < 1000 || code > 4999) {
            throw new IllegalArgumentException("websocket.disconnect: code must be 1000-4999, got " + code);
        }
    }

    @Override
    public EventType kind() {
        return EventType.WEBSOCKET_DISCONNECT;
    }
}
