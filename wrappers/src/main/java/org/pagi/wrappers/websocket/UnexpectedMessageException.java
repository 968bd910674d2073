package org.pagi.wrappers.websocket;

/** {@code receiveText}, {@code receiveBytes} or {@code receiveJson} got the other kind of message. */
public final class UnexpectedMessageException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    private final transient Message message;

    /** @param expected "text" or "binary"; @param message what arrived instead */
    public UnexpectedMessageException(String expected, Message message) {
        super("expected a " + expected + " message, got a " + (message instanceof Message.Text ? "text" : "binary")
                + " message of " + message.size() + " bytes");
        this.message = message;
    }

    /** @return the message that arrived (it is consumed) */
    public Message message() {
        return message;
    }
}
