package org.pagi.spec.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;

/** The records of an {@code sse} scope, one nested group per record. */
class SseEventsTest {

    @Nested
    class Send {
        @Test
        void hasTheSpecType() {
            assertEquals("sse.send", SseSend.data("x").type());
        }

        @Test
        void dataMayHoldLineBreaks() {
            assertEquals("a\nb\r\nc", SseSend.data("a\nb\r\nc").data());
        }

        @Test
        void buildsNamedEventsWithIdAndRetry() {
            SseSend s = SseSend.event("tick", "1").withId("42").withRetry(0);
            assertEquals(new SseSend(Optional.of("tick"), "1", Optional.of("42"), OptionalLong.of(0)), s);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\nb", "a\rb", "\r\n"})
        void rejectsALineBreakInTheEventName(String name) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SseSend.event(name, "d"));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("sse.send: event contains a line break"), e.getMessage());
        }

        @Test
        void namesTheIndexOfTheFirstLineBreak() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SseSend.data("d").withId("ab\ncd\re"));
            assertEquals("sse.send: id contains a line break at index 2, which would forge an event boundary",
                    e.getMessage());
            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                    () -> SseSend.event("x\ry\n", "d"));
            assertEquals("sse.send: event contains a line break at index 1, which would forge an event boundary",
                    e2.getMessage());
        }

        @Test
        void rejectsNulInTheId() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SseSend.data("d").withId("a\u0000b"));
            assertEquals("sse.send: id contains NUL, which clients ignore", e.getMessage());
        }

        @Test
        void rejectsANegativeRetry() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SseSend.data("d").withRetry(-1));
            assertEquals("sse.send: retry must be 0 or more milliseconds, got -1", e.getMessage());
        }
    }

    @Nested
    class Comment {
        @Test
        void hasTheSpecType() {
            assertEquals("sse.comment", new SseComment("x").type());
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\nb", "a\r", "\n"})
        void rejectsLineBreaks(String comment) {
            assertThrows(IllegalArgumentException.class, () -> new SseComment(comment));
        }
    }

    @Nested
    class Keepalive {
        @Test
        void hasTheSpecTypeAndAnEmptyCommentByDefault() {
            SseKeepalive k = new SseKeepalive(Duration.ofSeconds(15));
            assertEquals("sse.keepalive", k.type());
            assertEquals("", k.comment());
        }

        @Test
        void acceptsAZeroIntervalToStop() {
            assertEquals(Duration.ZERO, new SseKeepalive(Duration.ZERO).interval());
        }

        @Test
        void rejectsANegativeInterval() {
            assertThrows(IllegalArgumentException.class, () -> new SseKeepalive(Duration.ofSeconds(-1)));
        }

        @Test
        void rejectsALineBreakInTheComment() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SseKeepalive(Duration.ofSeconds(1), "a\nb"));
            assertEquals("sse.keepalive: comment contains a line break", e.getMessage());
        }
    }

    @Nested
    class Start {
        @Test
        void defaultsTo200WithNoHeaders() {
            assertEquals(new SseStart(200, Headers.empty()), new SseStart());
            assertEquals("sse.start", new SseStart().type());
        }

        @Test
        void rejectsAStatusOutsideTheRange() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SseStart(99, Headers.empty()));
            assertEquals("sse.start: status must be 100-599, got 99", e.getMessage());
        }
    }

    @Nested
    class Close {
        @Test
        void defaultsToAnEmptyReason() {
            assertEquals(new SseClose(""), new SseClose());
            assertEquals("sse.close", new SseClose().type());
        }
    }

    @Nested
    class Decline {
        @Test
        void haveTheSpecTypes() {
            assertEquals("sse.http.response.start", new SseHttpResponseStart(204, Headers.empty()).type());
            assertEquals("sse.http.response.body", new SseHttpResponseBody(Bytes.empty(), false).type());
        }

        @Test
        void startRejectsAStatusOutsideTheRange() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SseHttpResponseStart(1000, Headers.empty()));
            assertEquals("sse.http.response.start: status must be 100-599, got 1000", e.getMessage());
        }
    }

    @Nested
    class Inbound {
        @Test
        void requestAndDisconnectHaveTheSpecTypes() {
            assertEquals("sse.request", new SseRequest(Bytes.empty(), false).type());
            assertEquals("sse.disconnect", new SseDisconnect(DisconnectReason.CLIENT_CLOSED).type());
        }

        @Test
        void disconnectRejectsANullReason() {
            assertThrows(NullPointerException.class, () -> new SseDisconnect(null));
        }
    }
}
