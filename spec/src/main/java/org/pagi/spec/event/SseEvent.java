package org.pagi.spec.event;

/** The events of an {@code sse} scope. */
public sealed interface SseEvent extends Event permits SseRequest, SseDisconnect, SseStart, SseSend, SseComment,
        SseKeepalive, SseClose, SseHttpResponseStart, SseHttpResponseBody {
}
