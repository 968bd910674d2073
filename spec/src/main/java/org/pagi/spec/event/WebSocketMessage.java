package org.pagi.spec.event;

import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Bytes;

/**
 * The payload of {@code websocket.receive} and {@code websocket.send}: exactly one of text or bytes, as the
 * spec requires. Text travels as a text frame (UTF-8 on the wire), bytes as a binary frame.
 */
public sealed interface WebSocketMessage {

    /** A text message. @param text the decoded text */
    record Text(String text) implements WebSocketMessage {
        /** Checks for null. */
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return text.length() <= 64 ? "Text[\"" + text + "\"]" : "Text[\"" + text.substring(0, 64) + "\"...]";
        }
    }

    /** A binary message. @param bytes the payload */
    record Binary(Bytes bytes) implements WebSocketMessage {
        /** Checks for null. */
        public Binary {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** @return the text, if this is a text message */
    default Optional<String> asText() {
        return this instanceof Text t ? Optional.of(t.text()) : Optional.empty();
    }

    /** @return the bytes, if this is a binary message */
    default Optional<Bytes> asBytes() {
        return this instanceof Binary b ? Optional.of(b.bytes()) : Optional.empty();
    }

    /** @return a text message */
    static WebSocketMessage text(String text) {
        return new Text(text);
    }

    /** @return a binary message */
    static WebSocketMessage bytes(Bytes bytes) {
        return new Binary(bytes);
    }
}
