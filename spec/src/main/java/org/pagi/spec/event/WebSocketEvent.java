package org.pagi.spec.event;

/** The events of a {@code websocket} scope. */
public sealed interface WebSocketEvent extends Event permits WebSocketConnect, WebSocketReceive,
        WebSocketDisconnect, WebSocketAccept, WebSocketSend, WebSocketKeepalive, WebSocketClose,
        WebSocketHttpResponseStart, WebSocketHttpResponseBody {
}
