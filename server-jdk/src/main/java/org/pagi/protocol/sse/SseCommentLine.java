package org.pagi.protocol.sse;

import java.util.Objects;

/**
 * A comment line of an event stream: a line starting with {@code :} (WHATWG HTML 9.2.6). A browser ignores it;
 * the decoder reports it so a test can see keepalives. Immutable.
 *
 * @param text the line after its leading colon, exactly as sent: {@code ": ping"} gives {@code " ping"}, since the
 *             spec strips a space only from field values, and comments are not fields
 */
public record SseCommentLine(String text) implements SseItem {
    /** Checks for null. */
    public SseCommentLine {
        Objects.requireNonNull(text, "text");
    }
}
