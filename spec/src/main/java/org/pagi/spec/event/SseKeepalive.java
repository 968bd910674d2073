package org.pagi.spec.event;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code sse.keepalive} (send): have the server write a comment every {@code interval}. The last one wins; a
 * zero interval stops it.
 *
 * @param interval time between comments; zero disables
 * @param comment  the comment text; empty writes a bare {@code :}
 */
public record SseKeepalive(Duration interval, String comment) implements SseEvent, SendEvent {
    /** Checks the interval and the comment. */
    public SseKeepalive {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(comment, "comment");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("sse.keepalive: interval must be 0 or more, got " + interval);
        }
        if (comment.indexOf('\r') >= 0 || comment.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("sse.keepalive: comment contains a line break");
        }
    }

    /** @return a keepalive with an empty comment */
    public SseKeepalive(Duration interval) {
        this(interval, "");
    }

    @Override
    public EventType kind() {
        return EventType.SSE_KEEPALIVE;
    }
}
