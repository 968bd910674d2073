package org.pagi.spec.event;

import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Bytes;

/**
 * {@code websocket.receive} (receive): one whole message from the client (fragments already joined, text
 * already validated as UTF-8).
 *
 * @param message text or bytes
 */
public record WebSocketReceive(WebSocketMessage message) implements WebSocketEvent, ReceiveEvent {
    /** Checks for null. */
    public WebSocketReceive {
        Objects.requireNonNull(message, "message");
    }

    /** @return a text message event */
    public static WebSocketReceive text(String text) {
        return new WebSocketReceive(new WebSocketMessage.Text(text));
    }

    /** @return a binary message event */
    public static WebSocketReceive bytes(Bytes bytes) {
        return new WebSocketReceive(new WebSocketMessage.Binary(bytes));
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
        return EventType.WEBSOCKET_RECEIVE;
    }
}
