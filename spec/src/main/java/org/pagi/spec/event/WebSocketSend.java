package org.pagi.spec.event;

import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Bytes;

/**
 * {@code websocket.send} (send): one message to the client.
 *
 * @param message text (sent as a text frame, UTF-8) or bytes (a binary frame)
 */
public record WebSocketSend(WebSocketMessage message) implements WebSocketEvent, SendEvent {
    /** Checks for null. */
    public WebSocketSend {
        Objects.requireNonNull(message, "message");
    }

    /** @return a text message event */
    public static WebSocketSend text(String text) {
        return new WebSocketSend(new WebSocketMessage.Text(text));
    }

    /** @return a binary message event */
    public static WebSocketSend bytes(Bytes bytes) {
        return new WebSocketSend(new WebSocketMessage.Binary(bytes));
    }

    /** @return the text, if this is a text message */
    public Optional<String> text() {
        return message.asText();
    }

    /** @return the bytes, if this is a binary message */
    public Optional<Bytes> bytes() {
        return message.asBytes();
    }

    @Override
    public EventType kind() {
        return EventType.WEBSOCKET_SEND;
    }
}
