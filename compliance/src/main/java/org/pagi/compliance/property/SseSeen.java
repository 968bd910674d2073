package org.pagi.compliance.property;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * What the client of one SSE request saw.
 *
 * @param status  the response status (the stream's, a decline's, or the 500 backstop); 0 when nothing arrived
 * @param headers the response headers (a server adds its own, such as {@code content-type: text/event-stream})
 * @param events  the events dispatched, as a browser's {@code EventSource} decodes the stream; empty for a
 *                response that is not a stream
 * @param body    the body of a response that is not a stream (a decline, the backstop); empty for a stream
 * @param aborted whether the response broke off instead of ending cleanly; empty when the host cannot tell, or
 *                the client left
 */
public record SseSeen(int status, Headers headers, List<Event> events, Bytes body, Optional<Boolean> aborted) {

    /** Checks for nulls and copies the events. */
    public SseSeen {
        Objects.requireNonNull(headers, "headers");
        events = List.copyOf(events);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(aborted, "aborted");
    }

    /**
     * One dispatched event, as an {@code EventSource} sees it.
     *
     * @param type  the event type; {@code message} when the server named none
     * @param data  the data, its lines joined with LF
     * @param id    the {@code id} field of this event, when it had one
     * @param retry the {@code retry} field of this event, when it had one
     */
    public record Event(String type, String data, Optional<String> id, OptionalLong retry) {
        /** Checks for nulls. */
        public Event {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(retry, "retry");
        }
    }
}
