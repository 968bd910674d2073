package org.pagi.wrappers.endpoint;

import java.util.Objects;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.json.JsonDecodingException;
import org.pagi.wrappers.websocket.Message;

/**
 * The kind of message a WebSocket endpoint receives, and the value its {@code onReceive} gets: {@link #TEXT}
 * (a {@code String}), {@link #BYTES} ({@link Bytes}), {@link #JSON} (a plain tree: Map, List, String, Number,
 * Boolean or null) or {@link #json(Class)} (a value of that class).
 *
 * <p>A message of the other kind closes the socket with {@code 1003} (unsupported data), a text message that is
 * not JSON for the type with {@code 1007} (invalid payload), as RFC 6455 7.4.1 defines them. (Upstream skips a
 * message of the other kind and fails the handler on bad JSON; a close code tells the client what was wrong.)
 *
 * @param <T> what {@code onReceive} gets
 */
public sealed interface Encoding<T> permits Encoding.Text, Encoding.Binary, Encoding.JsonOf {

    /** Text messages, as strings (upstream's default). */
    Encoding<String> TEXT = new Text();
    /** Binary messages, as bytes. */
    Encoding<Bytes> BYTES = new Binary();
    /** Text messages holding JSON, as a plain tree. */
    Encoding<Object> JSON = new JsonOf<>(Object.class);

    /** @return text messages holding JSON, decoded into {@code type} (Jackson) */
    static <T> Encoding<T> json(Class<T> type) {
        return new JsonOf<>(Objects.requireNonNull(type, "type"));
    }

    /**
     * @return the message's value for {@code onReceive}
     * @throws RejectedMessageException with the close code and reason when the message is of the wrong kind or malformed
     */
    T decode(Message message);

    /** Text messages as strings. */
    record Text() implements Encoding<String> {
        @Override
        public String decode(Message message) {
            if (message instanceof Message.Text t) {
                return t.text();
            }
            throw new RejectedMessageException(RejectedMessageException.UNSUPPORTED_DATA, "expected a text message");
        }
    }

    /** Binary messages as bytes. */
    record Binary() implements Encoding<Bytes> {
        @Override
        public Bytes decode(Message message) {
            if (message instanceof Message.Binary b) {
                return b.bytes();
            }
            throw new RejectedMessageException(RejectedMessageException.UNSUPPORTED_DATA, "expected a binary message");
        }
    }

    /** Text messages holding JSON for {@code type}. @param type what each message decodes into */
    record JsonOf<T>(Class<T> type) implements Encoding<T> {
        /** Checks for null. */
        public JsonOf {
            Objects.requireNonNull(type, "type");
        }

        @Override
        public T decode(Message message) {
            String text = TEXT.decode(message);
            try {
                return Json.decode(Bytes.utf8(text), type);
            } catch (JsonDecodingException e) {
                throw new RejectedMessageException(RejectedMessageException.INVALID_PAYLOAD, "invalid JSON");
            }
        }
    }
}
