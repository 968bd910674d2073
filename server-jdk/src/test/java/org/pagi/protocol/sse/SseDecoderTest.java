package org.pagi.protocol.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.protocol.sse.SseFeeds.everyWay;
import static org.pagi.protocol.sse.SseFeeds.utf8;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseDecoderTest {
    private static SseCommentLine comment(String text) {
        return new SseCommentLine(text);
    }

    /** The sample streams of WHATWG HTML 9.2.6, "Interpreting an event stream", with the results it states. */
    @Nested
    class WhatwgExamples {
        @Test
        void joinsTheDataLinesOfOneBlockWithLf() {
            assertEquals(List.of(SseFrame.of("YHOO\n+2\n10")), everyWay("data: YHOO\ndata: +2\ndata: 10\n\n"));
        }

        @Test
        void setsAndThenResetsTheLastEventIdAndKeepsOneLeadingSpaceOfTheThirdEvent() {
            String stream = ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n";
            assertEquals(List.of(comment(" test stream"), SseFrame.of("first event").withId("1"),
                    SseFrame.of("second event").withId(""), SseFrame.of(" third event")), everyWay(stream));
        }

        @Test
        void firesEmptyDataAndASingleNewlineAndDiscardsTheUnterminatedLastBlock() {
            assertEquals(List.of(SseFrame.of(""), SseFrame.of("\n")), everyWay("data\n\ndata\ndata\n\ndata:"));
        }

        @Test
        void readsDataWithAndWithoutTheSpaceAfterTheColonAlike() {
            assertEquals(List.of(SseFrame.of("test"), SseFrame.of("test")), everyWay("data:test\n\ndata: test\n\n"));
        }

        @Test
        void namesEventsWithTheEventField() {
            String stream = "event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\nevent: add\ndata: 113411\n\n";
            assertEquals(List.of(SseFrame.of("add", "73857293"), SseFrame.of("remove", "2153"),
                    SseFrame.of("add", "113411")), everyWay(stream));
        }

        @Test
        void needsTheBlankLineNotTheEndOfTheStreamToDispatch() {
            assertEquals(List.of(SseFrame.of("first event").withId("1")),
                    everyWay("data: first event\nid: 1\n\ndata:  third event\n"));
        }
    }

    @Nested
    class Fields {
        @Test
        void removesOnlyOneSpaceAfterTheColonAndKeepsLaterColons() {
            assertEquals(List.of(SseFrame.of("  a:b: c ")), everyWay("data:   a:b: c \n\n"));
        }

        @Test
        void takesALineWithoutAColonAsAFieldWithAnEmptyValue() {
            assertEquals(List.of(SseFrame.of("").withId("")), everyWay("id: 7\ndata: x\n\nid\ndata\n\n").subList(1, 2));
        }

        @Test
        void ignoresUnknownFieldsAndMatchesNamesCaseSensitively() {
            assertEquals(List.of(SseFrame.of("kept")), everyWay("Data: no\nDATA: no\nfoo: bar\ndata : no\ndata: kept\n\n"));
        }

        @Test
        void resetsTheEventTypeAfterEachDispatchButKeepsTheLastEventId() {
            assertEquals(List.of(SseFrame.of("tick", "1").withId("a"), SseFrame.of("2").withLastEventId("a")),
                    everyWay("event: tick\nid: a\ndata: 1\n\ndata: 2\n\n"));
        }

        @Test
        void dispatchesAnEmptyEventNameAsMessage() {
            assertEquals(List.of(SseFrame.of("x")), everyWay("event\ndata: x\n\n"));
        }

        @Test
        void lastFieldOfAKindWinsWithinABlock() {
            assertEquals(List.of(SseFrame.of("b", "x").withId("2").withRetry(20)),
                    everyWay("event: a\nevent: b\nid: 1\nid: 2\nretry: 10\nretry: 20\ndata: x\n\n"));
        }

        @Test
        void ignoresAnIdContainingNulAndKeepsThePreviousOne() {
            assertEquals(List.of(SseFrame.of("1").withId("ok"), SseFrame.of("2").withLastEventId("ok")),
                    everyWay("id: ok\ndata: 1\n\nid: a\u0000b\ndata: 2\n\n"));
        }

        @Test
        void carriesAValidRetryOnItsFrame() {
            assertEquals(List.of(SseFrame.of("x").withRetry(5000)), everyWay("retry: 5000\ndata: x\n\n"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"retry: 3x", "retry: -1", "retry: +5", "retry: 1.5", "retry:", "retry: 1 ",
            "retry:  1", "retry: \u0661", "retry: 99999999999999999999"})
        void ignoresARetryThatIsNotOnlyAsciiDigits(String line) throws SseLimitException {
            SseDecoder decoder = new SseDecoder();
            decoder.feed(utf8(line + "\ndata: x\n\n"));
            assertEquals(List.of(SseFrame.of("x")), decoder.drain());
            assertEquals(OptionalLong.empty(), decoder.reconnectionTime());
        }

        @Test
        void appliesIdAndRetryOfABlockWithoutDataThoughNothingFires() throws SseLimitException {
            SseDecoder decoder = new SseDecoder();
            decoder.feed(utf8("id: 42\nretry: 3000\nevent: lost\n\n"));
            assertEquals(List.of(), decoder.drain());
            assertEquals("42", decoder.lastEventId());
            assertEquals(OptionalLong.of(3000), decoder.reconnectionTime());
            decoder.feed(utf8("data: next\n\n"));
            assertEquals(List.of(SseFrame.of("next").withLastEventId("42")), decoder.drain());
        }

        @Test
        void updatesTheLastEventIdOnlyAtDispatch() throws SseLimitException {
            SseDecoder decoder = new SseDecoder();
            decoder.feed(utf8("id: 1\ndata: a\n\nid: 2\ndata: b\n"));
            assertEquals("1", decoder.lastEventId()); // a reconnect now would resume after event 1
            decoder.feed(utf8("\n"));
            assertEquals("2", decoder.lastEventId());
        }

        @Test
        void decodesUnicodeAndReplacesMalformedUtf8WithReplacementCharacters() throws SseLimitException {
            assertEquals(List.of(SseFrame.of("caf\u00e9 \uD83D\uDE00 \u4e2d")), everyWay("data: caf\u00e9 \uD83D\uDE00 \u4e2d\n\n"));
            SseDecoder decoder = new SseDecoder();
            decoder.feed(new byte[] {'d', 'a', 't', 'a', ':', (byte) 0xFF, 'x', (byte) 0xC3, '\n', '\n'});
            assertEquals(List.of(SseFrame.of("\uFFFDx\uFFFD")), decoder.drain());
        }
    }

    @Nested
    class LineEndings {
        @ParameterizedTest
        @ValueSource(strings = {"\n", "\r\n", "\r"})
        void acceptsEachLineEnding(String eol) {
            String stream = "event: e" + eol + "data: a" + eol + "data: b" + eol + eol;
            assertEquals(List.of(SseFrame.of("e", "a\nb")), everyWay(stream));
        }

        @Test
        void acceptsMixedLineEndings() {
            assertEquals(List.of(SseFrame.of("a\nb\nc"), SseFrame.of("d")),
                    everyWay("data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r"));
        }

        @Test
        void countsCrCrAsTwoLinesAndCrLfAsOne() {
            assertEquals(List.of(SseFrame.of("a"), SseFrame.of("b")), everyWay("data: a\r\rdata: b\r\n\r\n"));
            assertEquals(List.of(SseFrame.of("a\nb")), everyWay("data: a\r\ndata: b\r\n\r\n"));
        }
    }

    @Nested
    class ByteOrderMark {
        @Test
        void skipsOneBomAtTheStartOfTheStream() {
            assertEquals(List.of(SseFrame.of("x")), everyWay("\uFEFFdata: x\n\n"));
        }

        @Test
        void readsASecondBomAsPartOfTheFieldName() {
            assertEquals(List.of(SseFrame.of("y")), everyWay("\uFEFF\uFEFFdata: x\n\ndata: y\n\n"));
        }

        @Test
        void keepsABomAnywhereElse() {
            assertEquals(List.of(SseFrame.of("a"), SseFrame.of("\uFEFFv")),
                    everyWay("data: a\n\n\uFEFFdata: b\n\ndata: \uFEFFv\n\n"));
        }

        @Test
        void treatsABomBeforeAnEmptyFirstLineAsThatEmptyLine() {
            assertEquals(List.of(SseFrame.of("x")), everyWay("\uFEFF\ndata: x\n\n"));
        }
    }

    @Nested
    class Comments {
        @Test
        void reportsCommentsVerbatimAfterTheColon() {
            assertEquals(List.of(comment("keepalive"), comment(" ping"), comment(""), comment(":")),
                    everyWay(":keepalive\n\n: ping\n:\n::\n"));
        }

        @Test
        void reportsACommentInsideABlockBeforeItsEventAndDoesNotBreakTheBlock() {
            assertEquals(List.of(comment("c"), SseFrame.of("a\nb")), everyWay("data: a\n:c\ndata: b\n\n"));
        }
    }

    @Nested
    class EndOfStream {
        @Test
        void discardsAnIncompleteBlockAndAnIncompleteLine() {
            assertEquals(List.of(SseFrame.of("done")), everyWay("data: done\n\ndata: half\n"));
            assertEquals(List.of(), everyWay("data: no line end"));
            assertEquals(List.of(), everyWay(":unterminated comment"));
        }

        @Test
        void holdsAnIncompleteBlockUntilItsBlankLineArrives() throws SseLimitException {
            SseDecoder decoder = new SseDecoder();
            decoder.feed(utf8("data: a\n"));
            assertEquals(Optional.empty(), decoder.next());
            decoder.feed(utf8("\r"));
            assertEquals(Optional.of(SseFrame.of("a")), decoder.next());
            assertEquals(Optional.empty(), decoder.next());
        }

        @Test
        void keepsDecodedItemsAfterEndAndRefusesMoreBytes() throws SseLimitException {
            SseDecoder decoder = new SseDecoder();
            decoder.feed(utf8("data: a\n\ndata: b\n"));
            decoder.end();
            decoder.end();
            assertEquals(List.of(SseFrame.of("a")), decoder.drain());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> decoder.feed(utf8("\n")));
            assertTrue(e.getMessage().contains("end()"), e.getMessage());
        }

        @Test
        void anEmptyStreamGivesNothing() {
            assertEquals(List.of(), everyWay(""));
        }
    }

    @Nested
    class Limits {
        @Test
        void acceptsALineOfExactlyTheLimit() {
            SseFeeds.Outcome o = SseFeeds.everyWay(() -> new SseDecoder(10), utf8("data: 1234\r\n\r\n"));
            assertEquals(new SseFeeds.Outcome(List.of(SseFrame.of("1234")), null), o);
        }

        @Test
        void failsALongLineBeforeItsEndArrivesNamingTheLimitWithoutEchoingIt() throws SseLimitException {
            SseDecoder decoder = new SseDecoder(10);
            decoder.feed(utf8("data: ok\n\n"));
            SseLimitException e = assertThrows(SseLimitException.class, () -> decoder.feed(utf8("data: secret")));
            assertEquals("maxLineBytes", e.limitName());
            assertEquals(10, e.limit());
            assertEquals("line 3 of the stream has no end after 10 bytes: over maxLineBytes (10 bytes)", e.getMessage());
            assertFalse(e.getMessage().contains("secret"));
            assertEquals(List.of(SseFrame.of("ok")), decoder.drain());
        }

        @Test
        void failsTheSameWayHoweverTheBytesAreSplit() {
            SseFeeds.Outcome o = SseFeeds.everyWay(() -> new SseDecoder(8), utf8(":a\ndata: 1\n\ndata: 123456789\n\n"));
            assertEquals(new SseFeeds.Outcome(List.of(comment("a"), SseFrame.of("1")), "maxLineBytes"), o);
        }

        @Test
        void failsABlockWhoseDataGrowsPastTheEventLimit() {
            // Each "data: xxxx" line adds its 4 value bytes plus 1 for the LF that joins it.
            SseFeeds.Outcome fits = SseFeeds.everyWay(() -> new SseDecoder(64, 10), utf8("data: xxxx\ndata: xxxx\n\n"));
            assertEquals(List.of(SseFrame.of("xxxx\nxxxx")), fits.items());
            SseFeeds.Outcome over = SseFeeds.everyWay(() -> new SseDecoder(64, 10),
                    utf8("data: xxxx\ndata: xxxx\ndata: x\n\n"));
            assertEquals(new SseFeeds.Outcome(List.of(), "maxEventBytes"), over);
        }

        @Test
        void refusesMoreBytesAfterAFailure() {
            SseDecoder decoder = new SseDecoder(4);
            assertThrows(SseLimitException.class, () -> decoder.feed(utf8("data: x\n\n")));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> decoder.feed(utf8("\n")));
            assertTrue(e.getMessage().contains("failed"), e.getMessage());
        }

        @Test
        void consumesTheWholeBufferEvenWhenItFails() {
            SseDecoder decoder = new SseDecoder(4);
            ByteBuffer buffer = ByteBuffer.wrap(utf8("data: x\n\n"));
            assertThrows(SseLimitException.class, () -> decoder.feed(buffer));
            assertFalse(buffer.hasRemaining());
        }

        @Test
        void rejectsLimitsBelowOneNamingTheArgument() {
            IllegalArgumentException line = assertThrows(IllegalArgumentException.class, () -> new SseDecoder(0));
            assertEquals("maxLineBytes must be 1 or more, got 0", line.getMessage());
            IllegalArgumentException event = assertThrows(IllegalArgumentException.class, () -> new SseDecoder(1, -1));
            assertEquals("maxEventBytes must be 1 or more, got -1", event.getMessage());
        }
    }
}
