package org.pagi.protocol.sse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.SseComment;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.event.SseSend;

class SseEncoderTest {
    private static String wire(Bytes b) {
        return b.utf8();
    }

    @Nested
    class Events {
        @Test
        void writesDataAloneThenTheBlankLine() {
            assertEquals("data: hi\n\n", wire(SseEncoder.event(SseSend.data("hi"))));
        }

        @Test
        void writesEveryFieldInTheOrderEventDataIdRetry() {
            assertEquals("event: tick\ndata: 1\nid: 7\nretry: 1500\n\n",
                    wire(SseEncoder.event(SseSend.event("tick", "1").withId("7").withRetry(1500))));
        }

        @Test
        void writesEachOptionalFieldOnItsOwn() {
            assertEquals("event: tick\ndata: 1\n\n", wire(SseEncoder.event(SseSend.event("tick", "1"))));
            assertEquals("data: 1\nid: 7\n\n", wire(SseEncoder.event(SseSend.data("1").withId("7"))));
            assertEquals("data: 1\nretry: 0\n\n", wire(SseEncoder.event(SseSend.data("1").withRetry(0))));
            assertEquals("event: e\ndata: 1\nretry: " + Long.MAX_VALUE + "\n\n",
                    wire(SseEncoder.event(SseSend.event("e", "1").withRetry(Long.MAX_VALUE))));
        }

        @Test
        void writesAnEmptyIdBecauseItResetsTheClientsLastEventId() {
            assertEquals("data: x\nid: \n\n", wire(SseEncoder.event(SseSend.data("x").withId(""))));
        }

        @Test
        void leavesOutAnEmptyEventNameWhichClientsReadAsMessage() {
            SseSend send = new SseSend(Optional.of(""), "x", Optional.empty(), OptionalLong.empty());
            assertEquals("data: x\n\n", wire(SseEncoder.event(send)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\n", "\r\n", "\r"})
        void writesOneDataLinePerLineWhateverTheLineEnding(String eol) {
            assertEquals("data: a\ndata: b\ndata: c\n\n", wire(SseEncoder.event(SseSend.data("a" + eol + "b" + eol + "c"))));
        }

        @Test
        void keepsEmptyLinesOfDataIncludingLeadingAndTrailingOnes() {
            assertEquals("data: \ndata: a\ndata: \ndata: b\ndata: \n\n",
                    wire(SseEncoder.event(SseSend.data("\na\r\n\rb\n"))));
        }

        @Test
        void writesEmptyDataAsOneEmptyDataLineSoTheEventStillFires() {
            assertEquals("data: \n\n", wire(SseEncoder.event(SseSend.data(""))));
        }

        @Test
        void keepsALeadingSpaceOfTheDataBehindTheSeparatingSpace() {
            assertEquals("data:  x\n\n", wire(SseEncoder.event(SseSend.data(" x"))));
        }

        @Test
        void encodesUnicodeAsUtf8() {
            Bytes b = SseEncoder.event(SseSend.event("\u00e9t\u00e9", "caf\u00e9 \uD83D\uDE00"));
            assertArrayEquals("event: \u00e9t\u00e9\ndata: caf\u00e9 \uD83D\uDE00\n\n".getBytes(StandardCharsets.UTF_8),
                    b.toByteArray());
        }

        @Test
        void writesAnUnpairedSurrogateAsAQuestionMark() {
            assertEquals("data: a?b\n\n", wire(SseEncoder.event(SseSend.data("a\uD800b"))));
        }
    }

    @Nested
    class Comments {
        @Test
        void putsAColonBeforeTheTextThenABlankLine() {
            assertEquals(":keepalive\n\n", wire(SseEncoder.comment("keepalive")));
        }

        @Test
        void keepsAColonTheTextAlreadyStartsWith() {
            assertEquals(": ping\n\n", wire(SseEncoder.comment(": ping")));
        }

        @Test
        void writesAnEmptyCommentAsABareColon() {
            assertEquals(":\n\n", wire(SseEncoder.comment("")));
            assertEquals(":\n\n", wire(SseEncoder.keepalive(new SseKeepalive(Duration.ofSeconds(15)))));
        }

        @Test
        void writesEachLineOfAMultiLineCommentAsItsOwnCommentLine() {
            assertEquals(":a\n:\n: b\n:c\n\n", wire(SseEncoder.comment("a\r\n\r: b\nc")));
        }

        @Test
        void encodesTheSpecCommentAndKeepaliveEvents() {
            assertEquals(":hello\n\n", wire(SseEncoder.comment(new SseComment("hello"))));
            assertEquals(": tick\n\n", wire(SseEncoder.keepalive(new SseKeepalive(Duration.ofSeconds(1), ": tick"))));
        }

        @Test
        void decodesBackToTheSameCommentLines() throws SseLimitException {
            SseDecoder decoder = new SseDecoder();
            decoder.feed(SseEncoder.comment("a\n: b").toByteArray());
            assertEquals(List.of(new SseCommentLine("a"), new SseCommentLine(" b")), decoder.drain());
        }
    }

    @Nested
    class StartHeaders {
        @Test
        void addsContentTypeCacheControlAndNoProxyBufferingAfterTheApplicationsHeaders() {
            assertEquals(Headers.of("x-a", "1", "content-type", "text/event-stream", "cache-control", "no-cache",
                    "x-accel-buffering", "no"), SseEncoder.startHeaders(Headers.of("x-a", "1")));
            assertEquals(Headers.of("content-type", "text/event-stream", "cache-control", "no-cache",
                    "x-accel-buffering", "no"), SseEncoder.startHeaders(Headers.empty()));
        }

        @Test
        void keepsAContentTypeTheApplicationSetInAnyCase() {
            assertEquals(Headers.of("Content-Type", "text/event-stream; charset=utf-8", "cache-control", "no-cache",
                    "x-accel-buffering", "no"), SseEncoder.startHeaders(Headers.of("Content-Type", "text/event-stream; charset=utf-8")));
        }

        @Test
        void keepsACacheControlTheApplicationSet() {
            assertEquals(Headers.of("cache-control", "no-store", "content-type", "text/event-stream",
                    "x-accel-buffering", "no"),
                    SseEncoder.startHeaders(Headers.of("cache-control", "no-store")));
        }

        @Test
        void addsNothingWhenTheApplicationSetAllThreeAndKeepsRepeatsInOrder() {
            Headers app = Headers.of("set-cookie", "a=1", "content-type", "text/plain", "set-cookie", "b=2",
                    "cache-control", "no-cache, no-transform", "x-accel-buffering", "yes");
            assertEquals(app, SseEncoder.startHeaders(app));
        }

        @Test
        void leavesDateConnectionAndFramingToTheHttpLayer() {
            Headers h = SseEncoder.startHeaders(Headers.empty());
            assertEquals(List.of(), List.of("date", "connection", "transfer-encoding").stream()
                    .filter(h::contains).toList());
        }
    }
}
