package org.pagi.spec.event;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code sse.send} (send): one event dispatch. The server writes {@code event:}, one {@code data:} line per line
 * of {@code data}, {@code id:} and {@code retry:}, then a blank line.
 *
 * <p>{@code event} and {@code id} may not contain CR or LF: that would forge a frame boundary and let one
 * dispatch inject another. {@code id} may not contain NUL either (the WHATWG parser ignores such ids).
 *
 * @param event the event name; empty for the default {@code message}
 * @param data  the payload text; may span lines
 * @param id    the event id; empty for none
 * @param retry the reconnection time in milliseconds, 0 or more; empty for none
 */
public record SseSend(Optional<String> event, String data, Optional<String> id, OptionalLong retry)
        implements SseEvent, SendEvent {

    /** Checks the fields that frame the stream. */
    public SseSend {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(retry, "retry");
        event.ifPresent(e -> checkLine("event", e));
        id.ifPresent(i -> {
            checkLine("id", i);
            if (i.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("sse.send: id contains NUL, which clients ignore");
            }
        });
        if (retry.isPresent() && retry.getAsLong() < 0) {
            throw new IllegalArgumentException("sse.send: retry must be 0 or more milliseconds, got " + retry.getAsLong());
        }
    }

    /** @return an unnamed event carrying {@code data} */
    public static SseSend data(String data) {
        return new SseSend(Optional.empty(), data, Optional.empty(), OptionalLong.empty());
    }

    /** @return a named event carrying {@code data} */
    public static SseSend event(String event, String data) {
        return new SseSend(Optional.of(event), data, Optional.empty(), OptionalLong.empty());
    }

    /** @return this event with an id */
    public SseSend withId(String newId) {
        return new SseSend(event, data, Optional.of(newId), retry);
    }

    /** @return this event with a retry directive */
    public SseSend withRetry(long millis) {
        return new SseSend(event, data, id, OptionalLong.of(millis));
    }

    private static void checkLine(String field, String value) {
        int cr = value.indexOf('\r');
        int lf = value.indexOf('\n');
        if (cr >= 0 || lf >= 0) {
            int at = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
            throw new IllegalArgumentException(
                    "sse.send: " + field + " contains a line break at index " + at + ", which would forge an event boundary");
        }
    }

    @Override
    public EventType kind() {
        return EventType.SSE_SEND;
    }
}
