package org.pagi.protocol.sse;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One dispatched event, as a browser's {@code EventSource} builds its {@code MessageEvent} (WHATWG HTML 9.2.6,
 * "dispatch the event"), plus the {@code id} and {@code retry} fields of the event's own block, which a test
 * wants to check and a browser does not expose. Immutable; compares by value, so a test can compare whole lists.
 *
 * @param event       the event type: the last {@code event:} field of the block, or {@code message} when it had
 *                    none or an empty one
 * @param data        the {@code data:} values joined with LF
 * @param id          the last valid {@code id:} field of this block (an id holding NUL is ignored); empty when the
 *                    block had none
 * @param lastEventId the decoder's last event ID at dispatch: what the browser puts in
 *                    {@code MessageEvent.lastEventId}, carried over from earlier blocks when this one set none
 * @param retry       the last valid {@code retry:} field of this block (ASCII digits only); empty when none
 */
public record SseFrame(String event, String data, Optional<String> id, String lastEventId, OptionalLong retry)
        implements SseItem {
    /** The type of an event whose block named none (WHATWG HTML 9.2.6, step 5 of dispatch). */
    public static final String DEFAULT_EVENT = "message";

    /** Checks for nulls. */
    public SseFrame {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lastEventId, "lastEventId");
        Objects.requireNonNull(retry, "retry");
    }

    /** @return a {@code message} event carrying {@code data}, with no id, no last event ID and no retry */
    public static SseFrame of(String data) {
        return of(DEFAULT_EVENT, data);
    }

    /** @return an event of type {@code event} carrying {@code data}, with no id, no last event ID and no retry */
    public static SseFrame of(String event, String data) {
        return new SseFrame(event, data, Optional.empty(), "", OptionalLong.empty());
    }

    /** @return this event with an {@code id:} field, which also becomes the last event ID */
    public SseFrame withId(String newId) {
        return new SseFrame(event, data, Optional.of(newId), newId, retry);
    }

    /** @return this event with a last event ID carried over from an earlier block */
    public SseFrame withLastEventId(String newLastEventId) {
        return new SseFrame(event, data, id, newLastEventId, retry);
    }

    /** @return this event with a {@code retry:} field */
    public SseFrame withRetry(long millis) {
        return new SseFrame(event, data, id, lastEventId, OptionalLong.of(millis));
    }
}
