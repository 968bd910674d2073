package org.pagi.wrappers.apps;

import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Bytes;

/**
 * What a publisher hands to {@link Channel#publish}: the data, whether it is text or binary (a WebSocket
 * message keeps its kind), an optional event name ({@link SsePubsub} sends it as {@code event:}), and an optional
 * origin, an opaque tag of the publishing connection so that it can skip its own messages. Immutable.
 *
 * @param data   the message bytes; UTF-8 text unless {@code binary}
 * @param binary whether {@code data} is binary rather than UTF-8 text
 * @param event  an event name: one line, no NUL, at most {@value #MAX_LABEL_LENGTH} characters; empty for none
 * @param origin the publishing connection's tag, with the same rules as {@code event}; empty for none
 */
public record ChannelPayload(Bytes data, boolean binary, Optional<String> event, Optional<String> origin) {
    /** The longest event name or origin. */
    public static final int MAX_LABEL_LENGTH = 128;

    /** Checks every field; see the record comment. */
    public ChannelPayload {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(origin, "origin");
        event.ifPresent(e -> checkLabel("event", e));
        origin.ifPresent(o -> checkLabel("origin", o));
        if (!binary && !data.isValidUtf8()) {
            throw new IllegalArgumentException("a text payload must be valid UTF-8");
        }
    }

    /** @return a text payload */
    public static ChannelPayload text(String text) {
        return new ChannelPayload(Bytes.utf8(Objects.requireNonNull(text, "text")), false, Optional.empty(),
                Optional.empty());
    }

    /** @return a binary payload */
    public static ChannelPayload bytes(Bytes bytes) {
        return new ChannelPayload(bytes, true, Optional.empty(), Optional.empty());
    }

    /** @return this payload named {@code name} (an SSE event name) */
    public ChannelPayload withEvent(String name) {
        return new ChannelPayload(data, binary, Optional.of(name), origin);
    }

    /** @return this payload tagged as published by {@code tag} */
    public ChannelPayload withOrigin(String tag) {
        return new ChannelPayload(data, binary, event, Optional.of(tag));
    }

    /**
     * @return the data as text
     * @throws IllegalStateException for a binary payload
     */
    public String text() {
        if (binary) {
            throw new IllegalStateException("the payload is binary (" + data.length() + " bytes), not text");
        }
        return data.utf8();
    }

    private static void checkLabel(String field, String value) {
        if (value.isEmpty() || value.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException(field + " must be 1 to " + MAX_LABEL_LENGTH + " characters, got "
                    + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException(field + " contains " + (c == '\0' ? "NUL" : c == '\r' ? "CR" : "LF")
                        + " at index " + i + ": it must be one line without NUL");
            }
        }
    }
}
