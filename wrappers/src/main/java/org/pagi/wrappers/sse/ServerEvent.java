package org.pagi.wrappers.sse;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.pagi.spec.event.SseSend;

/**
 * One event to send on an SSE stream: an optional name ({@code event:}), the data, an optional {@code id} and an
 * optional {@code retry} in milliseconds. Immutable.
 *
 * <p>{@code data} may contain any line breaks: the server writes one {@code data:} line per line (split at CRLF,
 * CR and LF) and the client joins them with LF. {@code event} and {@code id} may contain neither CR, LF nor NUL:
 * a line break there would end the field and let one event forge another, and clients ignore ids with NUL. Such
 * a value is refused here, with an {@link IllegalArgumentException} naming the field, so it is never sent.
 *
 * @param event the event name; empty for the client's default {@code message}
 * @param data  the payload
 * @param id    the event id; empty for none
 * @param retry the client's reconnection time in milliseconds, 0 or more; empty for none
 */
public record ServerEvent(Optional<String> event, String data, Optional<String> id, OptionalLong retry) {

    /** Checks every field; see the class comment. */
    public ServerEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(retry, "retry");
        event.ifPresent(e -> checkField("event", e));
        id.ifPresent(i -> checkField("id", i));
        if (retry.isPresent() && retry.getAsLong() < 0) {
            throw new IllegalArgumentException("retry must be 0 or more milliseconds, got " + retry.getAsLong());
        }
    }

    /** An unnamed event carrying {@code data}. */
    public static ServerEvent of(String data) {
        return new ServerEvent(Optional.empty(), data, Optional.empty(), OptionalLong.empty());
    }

    /** An event named {@code event} carrying {@code data}. */
    public static ServerEvent named(String event, String data) {
        return new ServerEvent(Optional.of(event), data, Optional.empty(), OptionalLong.empty());
    }

    /** This event with {@code newId} as its id. */
    public ServerEvent withId(String newId) {
        return new ServerEvent(event, data, Optional.of(newId), retry);
    }

    /** This event with a reconnection time of {@code millis}. */
    public ServerEvent withRetry(long millis) {
        return new ServerEvent(event, data, id, OptionalLong.of(millis));
    }

    /** The spec event that carries this one. */
    public SseSend toSend() {
        return new SseSend(event, data, id, retry);
    }

    private static void checkField(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                String what = c == '\r' ? "CR" : c == '\n' ? "LF" : "NUL";
                throw new IllegalArgumentException(field + " contains " + what + " at index " + i
                        + ": " + field + " must be one line without NUL, or it could forge another event");
            }
        }
    }
}
