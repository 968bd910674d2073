package org.pagi.wrappers.websocket;

/** A send or a typed receive on a WebSocket that is closed; carries how it closed. */
public final class WebSocketClosedException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    private final transient Closed closed;

    /** @param what the operation refused; @param closed how the socket ended */
    public WebSocketClosedException(String what, Closed closed) {
        super(what + ": the WebSocket is closed (code " + closed.code()
                + (closed.reason().isEmpty() ? "" : ", reason \"" + closed.reason() + "\"") + ")");
        this.closed = closed;
    }

    /** @return how the socket ended */
    public Closed closed() {
        return closed;
    }
}
