package org.pagi.spec.event;

/**
 * {@code websocket.connect} (receive): a client asks to open a WebSocket. Answer with {@code websocket.accept},
 * {@code websocket.close} (the server replies 403) or, if advertised, a denial response.
 */
public record WebSocketConnect() implements WebSocketEvent, ReceiveEvent {
    @Override
    public EventType kind() {
        return EventType.WEBSOCKET_CONNECT;
    }
}
