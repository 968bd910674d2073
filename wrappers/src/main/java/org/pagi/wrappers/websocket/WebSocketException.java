package org.pagi.wrappers.websocket;

/** A WebSocket operation that could not be done; the subtype says why. */
public abstract sealed class WebSocketException extends RuntimeException
        permits WebSocketClosedException, UnexpectedMessageException, MessageTooLargeException {
    private static final long serialVersionUID = 1L;

    WebSocketException(String message) {
        super(message);
    }
}
