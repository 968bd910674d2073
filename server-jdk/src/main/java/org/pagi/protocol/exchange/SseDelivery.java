package org.pagi.protocol.exchange;

import java.util.concurrent.CompletableFuture;
import org.pagi.protocol.sse.SseEncoder;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.SseClose;
import org.pagi.spec.event.SseComment;
import org.pagi.spec.event.SseEvent;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;

/**
 * Carries out what an {@code sse} scope's application sends, on the HTTP response of its {@link Exchange}: the
 * stream is a chunked response whose chunks are {@link SseEncoder}'s bytes, one per event or comment, each written
 * at once (spec: www.md, "Server-Sent Events"). The order was already checked; stateless.
 */
final class SseDelivery {
    private SseDelivery() {
    }

    /** @return a stage that completes when the event's bytes were handed to the network */
    static CompletableFuture<Void> deliver(Http1Connection c, Exchange ex, SseEvent event) {
        return switch (event) {
            case SseStart s -> {
                c.startResponse(ex, s.status(), SseEncoder.startHeaders(s.headers()));
                // The server closes after a stream (www.md, "Ending the stream"): say so in the head, so that no
                // client queues another request behind it on this connection (RFC 9112 section 9.6).
                ex.encoder.forceClose();
                yield c.writeBody(ex, Bytes.empty(), true); // the head goes out at once, before any event
            }
            case SseSend e -> c.writeBody(ex, SseEncoder.event(e), true);
            case SseComment comment -> c.writeBody(ex, SseEncoder.comment(comment), true);
            case SseKeepalive k -> {
                ex.sseKeepalive = k.interval().isZero() ? null
                        : new SseKeepaliveTimer(k.interval().toMillis(), SseEncoder.keepalive(k), c.nowMillis());
                yield CompletableFuture.completedFuture(null);
            }
            case SseClose close -> c.writeBody(ex, Bytes.empty(), false); // the last chunk; the server then closes
            case SseHttpResponseStart s -> {
                c.startResponse(ex, s.status(), s.headers()); // declined: an ordinary response
                yield CompletableFuture.completedFuture(null);
            }
            case SseHttpResponseBody b -> c.writeBody(ex, b.body(), b.more());
            default -> throw new IllegalArgumentException("sse: cannot send " + event.type());
        };
    }
}
