package org.pagi.spec.event;

import java.util.Objects;

/**
 * {@code websocket.close} (send): close the WebSocket, or, before {@code websocket.accept}, refuse the handshake
 * (the server answers 403).
 *
 * @param code   an RFC 6455 close code the application may send (1000-1003, 1007-1014, 3000-4999)
 * @param reason the reason text, at most 123 bytes of UTF-8
 */
public record WebSocketClose(int code, String reason) implements WebSocketEvent, SendEvent {
    /** Normal closure. */
    public static final int NORMAL = 1000;

    /** Checks the code and the reason length. */
    public WebSocketClose {
        Objects.requireNonNull(reason, "reason");
        if (!CloseCodes.isSendable(code)) {
            throw new IllegalArgumentException("websocket.close: " + code
                    + " is not a close code an endpoint may send (1000-1003, 1007-1014, 3000-4999; RFC 6455 7.4)");
        }
        CloseCodes.checkReason("websocket.close", reason);
    }

    /** @return a normal close (1000) with no reason */
    public WebSocketClose() {
        this(NORMAL, "");
    }

    /** @return a close with {@code code} and no reason */
    public WebSocketClose(int code) {
        this(code, "");
    }

    @Override
    public EventType kind() {
        return EventType.WEBSOCKET_CLOSE;
    }
}
