package org.pagi.protocol.sse;

/**
 * What {@link SseDecoder#next()} yields: a dispatched event ({@link SseFrame}) or a comment line
 * ({@link SseCommentLine}). A browser shows only the events; a test client also wants to see the comments (a
 * server's keepalives), so the decoder reports both, in stream order. Switch on it with patterns and no
 * {@code default}.
 */
public sealed interface SseItem permits SseFrame, SseCommentLine {
}
