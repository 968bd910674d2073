package org.pagi.testing.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.protocol.sse.SseCommentLine;
import org.pagi.protocol.sse.SseFrame;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.testing.PagiTestTimeoutException;

/** Event streams in wire mode: the head, events and comments as a browser decodes them, the end, a decline. */
class WireSseStreamTest {
    private static final SseFrame GREETING = SseFrame.of("greeting", "hello\nworld").withId("7").withRetry(2500);
    private static final SseFrame PLAIN = SseFrame.of("plain").withLastEventId("7");

    private final LinkedBlockingQueue<SseDisconnect> disconnects = new LinkedBlockingQueue<>();
    private final WireClient wire = WireClient.of(WireTestApps.sse(disconnects));
    private final WireConnection c = wire.connect();

    @AfterEach
    void closeClient() {
        c.close();
        wire.close();
    }

    @Nested
    class Head {
        @Test
        void carriesTheEventStreamHeadersAndChunkedFraming() {
            try (WireSseStream events = c.sse("/events")) {
                assertEquals(200, events.status());
                assertEquals(List.of("text/event-stream"), events.headers().all("content-type"));
                assertEquals(List.of("no-cache"), events.headers().all("cache-control"));
                assertEquals(List.of("no"), events.headers().all("x-accel-buffering"));
                assertEquals(List.of("chunked"), events.headers().all("transfer-encoding"));
            }
        }

        @Test
        void aDeclinedStreamIsAnOrdinaryResponse() {
            WireRefusedException e = assertThrows(WireRefusedException.class, () -> c.sse("/decline"));
            assertEquals(403, e.status());
            assertEquals(List.of("text/plain"), e.headers().all("content-type"));
            assertEquals(Bytes.utf8("no stream for you"), e.body());
            assertTrue(c.awaitClosed());
        }

        @Test
        void theApplicationSeesLastEventId() {
            try (WireSseStream events = c.sse("/resume", Headers.of("last-event-id", "41"))) {
                assertEquals(SseFrame.of("41"), events.next());
            }
        }
    }

    @Nested
    class Events {
        @Test
        void decodesEventNameMultiLineDataIdAndRetry() {
            try (WireSseStream events = c.sse("/events")) {
                assertEquals(List.of(GREETING, PLAIN), events.take(2));
                assertEquals("7", events.lastEventId());
            }
        }

        @Test
        void nextItemShowsCommentsInStreamOrder() {
            try (WireSseStream events = c.sse("/events")) {
                assertEquals(List.of(GREETING, new SseCommentLine("note"), PLAIN),
                        List.of(events.nextItem(), events.nextItem(), events.nextItem()));
            }
        }

        @Test
        void keepaliveCommentsArriveOnAQuietStream() {
            try (WireSseStream events = c.sse("/keepalive")) {
                assertEquals(List.of(new SseCommentLine("ka"), new SseCommentLine("ka")),
                        List.of(events.nextItem(), events.nextItem()));
            }
        }

        @Test
        void nextFailsAfterTheTimeoutWhenNoEventComes() {
            // Short enough to let the last wait run out, long enough for the steps before it on a loaded machine.
            try (WireClient quick = WireClient.of(WireTestApps.sse(disconnects), Http1Limits.defaults(),
                    Duration.ofSeconds(2)); WireConnection qc = quick.connect();
                    WireSseStream events = qc.sse("/hold")) {
                assertEquals(SseFrame.of("one"), events.next());
                assertThrows(PagiTestTimeoutException.class, events::next);
            }
        }
    }

    @Nested
    class Ending {
        @Test
        void theApplicationReturningEndsTheStream() {
            try (WireSseStream events = c.sse("/events")) {
                events.take(2);
                events.awaitEnd();
                AssertionError e = assertThrows(AssertionError.class, events::next);
                assertTrue(e.getMessage().contains("the stream ended"), e.getMessage());
                assertTrue(c.awaitClosed());
            }
        }

        @Test
        void awaitEndFailsOnAnEventBeforeTheEnd() {
            try (WireSseStream events = c.sse("/events")) {
                AssertionError e = assertThrows(AssertionError.class, events::awaitEnd);
                assertTrue(e.getMessage().contains("got an event"), e.getMessage());
            }
        }

        @Test
        void theClientsDisconnectReachesTheApplicationAsSseDisconnect() throws InterruptedException {
            try (WireSseStream events = c.sse("/hold")) {
                assertEquals(SseFrame.of("one"), events.next());
                events.disconnect();
                assertThrows(IllegalStateException.class, events::next);
            }
            assertEquals(new SseDisconnect(DisconnectReason.CLIENT_CLOSED), disconnects.poll(5, TimeUnit.SECONDS));
            assertTrue(c.awaitClosed());
        }

        @Test
        void closingAnUnfinishedStreamDisconnects() throws InterruptedException {
            try (WireSseStream events = c.sse("/hold")) {
                events.next();
            }
            assertEquals(new SseDisconnect(DisconnectReason.CLIENT_CLOSED), disconnects.poll(5, TimeUnit.SECONDS));
        }
    }
}
