package org.pagi.wrappers.websocket;

/** A message over {@link WebSocket#maxMessageSize()}: the socket was closed with 1009 (message too big). */
public final class MessageTooLargeException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    private final int size;
    private final int limit;

    /** @param size the message's size in bytes; @param limit the limit it crossed */
    public MessageTooLargeException(int size, int limit) {
        super("a WebSocket message of " + size + " bytes exceeds maxMessageSize " + limit
                + "; the socket was closed with 1009");
        this.size = size;
        this.limit = limit;
    }

    /** @return the message's size in bytes */
    public int size() {
        return size;
    }

    /** @return the limit it crossed */
    public int limit() {
        return limit;
    }
}
