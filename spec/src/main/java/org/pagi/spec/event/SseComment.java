package org.pagi.spec.event;

import java.util.Objects;

/**
 * {@code sse.comment} (send): a comment line, ignored by clients, useful to keep proxies from timing out. The
 * server prepends {@code :} when the text lacks one. Line breaks are refused: each line of a comment would need
 * its own colon.
 *
 * @param comment the comment text
 */
public record SseComment(String comment) implements SseEvent, SendEvent {
    /** Checks for line breaks. */
    public SseComment {
        Objects.requireNonNull(comment, "comment");
        if (comment.indexOf('\r') >= 0 || comment.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("sse.comment: comment contains a line break, which would end the comment");
        }
    }

    @Override
    public EventType kind() {
        return EventType.SSE_COMMENT;
    }
}
