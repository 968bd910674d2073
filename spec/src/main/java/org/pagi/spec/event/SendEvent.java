package org.pagi.spec.event;

/** An event the application gives the server through {@code send}. */
public sealed interface SendEvent extends Event permits HttpResponseStart, HttpResponseBodyEvent,
        HttpResponseTrailers, HttpFullFlush, WebSocketAccept, WebSocketSend, WebSocketKeepalive, WebSocketClose,
        WebSocketHttpResponseStart, WebSocketHttpResponseBody, SseStart, SseSend, SseComment, SseKeepalive, SseClose,
        SseHttpResponseStart, SseHttpResponseBody, LifespanStartupComplete, LifespanStartupFailed,
        LifespanShutdownComplete, LifespanShutdownFailed, ExtensionEvent {
}
