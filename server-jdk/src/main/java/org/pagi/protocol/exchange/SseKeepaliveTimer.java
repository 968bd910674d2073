package org.pagi.protocol.exchange;

import org.pagi.spec.Bytes;

/**
 * The periodic comment of {@code sse.keepalive}: every interval the server writes it by itself, so proxies and
 * clients see traffic on a quiet stream. The latest {@code sse.keepalive} replaces the timer (spec: www.md,
 * "SSE events"). Time comes in as epoch milliseconds; not thread-safe (owned by its exchange).
 */
final class SseKeepaliveTimer {
    private final long everyMillis;
    private final Bytes comment;
    private long next;

    SseKeepaliveTimer(long everyMillis, Bytes comment, long nowMillis) {
        this.everyMillis = everyMillis;
        this.comment = comment;
        this.next = nowMillis + everyMillis;
    }

    /** @return the comment to write now, or null when it is not due */
    Bytes due(long nowMillis) {
        if (nowMillis < next) {
            return null;
        }
        next = nowMillis + everyMillis;
        return comment;
    }
}
