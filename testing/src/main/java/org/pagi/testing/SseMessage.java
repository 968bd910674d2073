package org.pagi.testing;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.pagi.spec.event.SseSend;

/**
 * One event of an SSE stream as a browser's {@code EventSource} dispatches it: the event type ({@code message}
 * when the application named none), the data with line breaks as the client's parser joins them ({@code \n}),
 * and the {@code id} and {@code retry} fields when the application set them. Immutable; compares by value, so a
 * test can compare a whole list of events.
 *
 * @param event the event type; {@code message} by default
 * @param data  the payload
 * @param id    the event id, when the event carried one
 * @param retry the reconnection time in milliseconds, when the event carried one
 */
public record SseMessage(String event, String data, Optional<String> id, OptionalLong retry) {
    /** The type a client gives an event that names none. */
    public static final String DEFAULT_EVENT = "message";

    /** Checks for nulls. */
    public SseMessage {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(retry, "retry");
    }

    /** @return an unnamed event ({@code message}) carrying {@code data} */
    public static SseMessage of(String data) {
        return of(DEFAULT_EVENT, data);
    }

    /** @return an event of type {@code event} carrying {@code data} */
    public static SseMessage of(String event, String data) {
        return new SseMessage(event, data, Optional.empty(), OptionalLong.empty());
    }

    /** @return this event with an id */
    public SseMessage withId(String newId) {
        return new SseMessage(event, data, Optional.of(newId), retry);
    }

    /** @return this event with a retry time */
    public SseMessage withRetry(long millis) {
        return new SseMessage(event, data, id, OptionalLong.of(millis));
    }

    /**
     * @return what a client's parser makes of {@code send}: the server writes one {@code data:} line per line of
     *         the data, whatever its line breaks, and the client joins them with {@code \n}; an empty event name
     *         dispatches as {@code message} (WHATWG HTML, "Interpreting an event stream")
     */
    static SseMessage from(SseSend send) {
        String data = send.data().replace("\r\n", "\n").replace('\r', '\n');
        String type = send.event().filter(e -> !e.isEmpty()).orElse(DEFAULT_EVENT);
        return new SseMessage(type, data, send.id(), send.retry());
    }
}
