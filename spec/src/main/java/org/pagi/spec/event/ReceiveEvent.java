package org.pagi.spec.event;

/** An event the server gives the application through {@code receive}. */
public sealed interface ReceiveEvent extends Event permits HttpRequest, HttpDisconnect, WebSocketConnect,
        WebSocketReceive, WebSocketDisconnect, SseRequest, SseDisconnect, LifespanStartup, LifespanShutdown,
        ExtensionEvent {
}
