package org.pagi.wrappers.websocket;

/** Where a {@link WebSocket} is: before its handshake is answered, open, or closed (by either side, or denied). */
public enum WebSocketState {
    /** The handshake is not answered yet: accept, deny or close it. */
    CONNECTING,
    /** Accepted: messages flow both ways. */
    CONNECTED,
    /** Closed by either side, dropped, or denied; {@link WebSocket#closeCode()} says how. */
    CLOSED
}
