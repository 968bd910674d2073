package org.pagi.spec.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.spec.event.EventType.HTTP_DISCONNECT;
import static org.pagi.spec.event.EventType.HTTP_FULLFLUSH;
import static org.pagi.spec.event.EventType.HTTP_RESPONSE_BODY;
import static org.pagi.spec.event.EventType.HTTP_RESPONSE_START;
import static org.pagi.spec.event.EventType.HTTP_RESPONSE_TRAILERS;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.ExtensionEvent;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpFullFlush;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseFile;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;
import org.pagi.spec.event.SampleEvents;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.WebSocketSend;

class HttpOrderTest {

    private static final HttpResponseStart START = new HttpResponseStart(200, Headers.empty());
    private static final HttpResponseStart START_WITH_TRAILERS = new HttpResponseStart(200, Headers.empty(), true);
    private static final HttpResponseBody CHUNK = HttpResponseBody.chunk(Bytes.ascii("a"));
    private static final HttpResponseBody LAST = HttpResponseBody.last(Bytes.ascii("b"));
    private static final HttpResponseTrailers TRAILERS = new HttpResponseTrailers(Headers.of("x-sum", "1"));
    private static final HttpFullFlush FLUSH = new HttpFullFlush();

    private final HttpOrder order = new HttpOrder(false);
    private final HttpOrder flushing = new HttpOrder(true);

    private static void deliver(EventOrder order, Event... events) {
        for (Event e : events) {
            assertEquals(Verdict.DELIVER, order.send(e), e.type());
        }
    }

    private static IllegalEventOrderException rejected(EventOrder order, Event event) {
        return assertThrows(IllegalEventOrderException.class, () -> order.send(event));
    }

    @Nested
    class LegalPaths {
        @Test
        void startThenOneFinalBodyCompletes() {
            deliver(order, START, LAST);
            assertEquals(HttpOrder.State.COMPLETE, order.current());
            assertEquals(Ending.COMPLETE, order.finish());
        }

        @Test
        void bodyMayStreamInManyPieces() {
            deliver(order, START, CHUNK, CHUNK, CHUNK);
            assertEquals(HttpOrder.State.BODY, order.current());
            deliver(order, LAST);
            assertEquals(HttpOrder.State.COMPLETE, order.current());
        }

        @Test
        void declaredTrailersFollowTheFinalBody() {
            deliver(order, START_WITH_TRAILERS, CHUNK, LAST);
            assertEquals(HttpOrder.State.AWAITING_TRAILERS, order.current());
            assertTrue(order.trailersDeclared());
            deliver(order, TRAILERS);
            assertEquals(HttpOrder.State.COMPLETE, order.current());
        }

        @Test
        void declaredTrailersMayEndTheBodyWhileItIsStillOpen() {
            deliver(order, START_WITH_TRAILERS, CHUNK, TRAILERS);
            assertEquals(HttpOrder.State.COMPLETE, order.current());
        }

        @Test
        void aFileBodyEndsTheResponse() {
            deliver(order, START, CHUNK, HttpResponseFile.of(Path.of("/srv/f")));
            assertEquals(HttpOrder.State.COMPLETE, order.current());
        }

        @Test
        void aChannelBodyEndsTheResponse() {
            deliver(order, START, SampleEvents.channelBody());
            assertEquals(HttpOrder.State.COMPLETE, order.current());
        }

        @Test
        void fullflushIsLegalFromTheStartUntilCompleteWhenAdvertised() {
            deliver(flushing, START_WITH_TRAILERS, FLUSH, CHUNK, FLUSH, LAST, FLUSH, TRAILERS);
            assertEquals(HttpOrder.State.COMPLETE, flushing.current());
        }

        @Test
        void responseStartedTurnsTrueWithTheStart() {
            assertFalse(order.responseStarted());
            deliver(order, START);
            assertTrue(order.responseStarted());
        }

        @Test
        void anyFinalStatusMayStart() {
            deliver(order, new HttpResponseStart(599, Headers.empty()));
            deliver(new HttpOrder(false), new HttpResponseStart(200, Headers.empty()));
        }
    }

    @Nested
    class IllegalTransitions {
        @Test
        void rejectsBodyBeforeStartNamingExpectedGotAndRule() {
            IllegalEventOrderException e = rejected(order, LAST);
            assertEquals("http: expected http.response.start, got http.response.body "
                    + "(the response must start before its body) [state AWAITING_START]", e.getMessage());
            assertEquals(Set.of(HTTP_RESPONSE_START), e.expected());
            assertEquals("http.response.body", e.got());
            assertEquals("the response must start before its body", e.rule());
            assertEquals("AWAITING_START", e.state());
            assertEquals("http", e.scopeType());
            assertEquals(IllegalEventOrderException.Side.APPLICATION, e.side());
        }

        @Test
        void rejectsADuplicateStart() {
            deliver(order, START);
            IllegalEventOrderException e = rejected(order, START);
            assertEquals("http: expected http.response.body, got http.response.start "
                    + "(duplicate http.response.start: the response already started) [state BODY]", e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(ints = {100, 101, 103, 199})
        void rejectsAnInformationalStatus(int status) {
            IllegalEventOrderException e = rejected(order, new HttpResponseStart(status, Headers.empty()));
            assertEquals("status " + status + " is informational; a response starts with a final status (200-599),"
                    + " and the server sends 100 Continue itself", e.rule());
            assertEquals(HttpOrder.State.AWAITING_START, order.current());
        }

        @Test
        void rejectsTrailersBeforeStart() {
            IllegalEventOrderException e = rejected(order, TRAILERS);
            assertEquals("the response must start before its trailers", e.rule());
            assertEquals("http.response.trailers", e.got());
        }

        @Test
        void rejectsTrailersThatWereNotDeclared() {
            deliver(order, START, CHUNK);
            IllegalEventOrderException e = rejected(order, TRAILERS);
            assertEquals("http: expected http.response.body, got http.response.trailers "
                    + "(trailers need trailers=true on http.response.start) [state BODY]", e.getMessage());
        }

        @Test
        void rejectsMoreBodyOnceTheBodyEndedAndTrailersAreDue() {
            deliver(order, START_WITH_TRAILERS, LAST);
            IllegalEventOrderException e = rejected(order, CHUNK);
            assertEquals("http: expected http.response.trailers, got http.response.body "
                    + "(the body already ended; http.response.start declared trailers, so they come next)"
                    + " [state AWAITING_TRAILERS]", e.getMessage());
        }

        @Test
        void rejectsEverythingAfterCompletionWithNoFurtherEventExpected() {
            deliver(order, START, LAST);
            for (Event e : new Event[] {START, CHUNK, LAST, TRAILERS}) {
                IllegalEventOrderException x = rejected(order, e);
                assertEquals("http: expected no further event, got " + e.type()
                        + " (the response is already complete; nothing may be sent after it) [state COMPLETE]",
                        x.getMessage());
                assertEquals(Set.of(), x.expected());
            }
        }

        @Test
        void rejectsFullflushAfterCompletionEvenWhenAdvertised() {
            deliver(flushing, START, LAST);
            IllegalEventOrderException e = rejected(flushing, FLUSH);
            assertEquals("http.fullflush", e.got());
        }

        @Test
        void rejectsFullflushBeforeTheStartBecauseThereIsNothingToFlush() {
            IllegalEventOrderException e = rejected(flushing, FLUSH);
            assertEquals("http: expected http.response.start, got http.fullflush "
                    + "(the response must start before there is anything to flush) [state AWAITING_START]",
                    e.getMessage());
        }

        @Test
        void listsFullflushAmongTheExpectedWhenAdvertised() {
            deliver(flushing, START);
            IllegalEventOrderException e = rejected(flushing, START);
            assertEquals("http: expected http.fullflush or http.response.body, got http.response.start "
                    + "(duplicate http.response.start: the response already started) [state BODY]", e.getMessage());
        }

        @Test
        void aRejectedSendLeavesTheStateAsItWas() {
            deliver(order, START);
            rejected(order, START);
            deliver(order, LAST);
            assertEquals(Ending.COMPLETE, order.finish());
        }
    }

    @Nested
    class PeerDisconnect {
        @Test
        void everySendIsIgnoredAfterThePeerLeft() {
            deliver(order, START);
            order.peerDisconnected();
            for (Event e : new Event[] {START, CHUNK, LAST, TRAILERS}) {
                assertEquals(Verdict.IGNORE, order.send(e), e.type());
            }
            assertEquals(HttpOrder.State.BODY, order.current());
            assertEquals(Ending.DISCONNECTED, order.finish());
        }

        @Test
        void httpDisconnectBeforeCompletionMeansTheClientLeft() {
            order.received(HttpRequest.last(Bytes.empty()));
            order.received(new HttpDisconnect());
            assertEquals(Verdict.IGNORE, order.send(START));
            assertEquals(Ending.DISCONNECTED, order.finish());
            assertEquals("AWAITING_START+DISCONNECTED", order.state());
        }

        @Test
        void httpDisconnectAfterCompletionOnlyMeansNothingMoreToRead() {
            deliver(order, START, LAST);
            order.received(new HttpDisconnect());
            IllegalEventOrderException e = rejected(order, LAST);
            assertEquals("the response is already complete; nothing may be sent after it", e.rule());
            assertEquals(Ending.COMPLETE, order.finish());
        }

        @Test
        void aDisconnectAfterCompletionStillEndsComplete() {
            deliver(order, START, LAST);
            order.peerDisconnected();
            assertEquals(Ending.COMPLETE, order.finish());
            assertEquals(Verdict.IGNORE, order.send(LAST));
        }

        @Test
        void nothingIsAllowedAfterThePeerLeft() {
            flushing.peerDisconnected();
            assertEquals(Set.of(), flushing.allowedSends());
        }

        @Test
        void wrongProtocolEventsStillFailAfterThePeerLeft() {
            order.peerDisconnected();
            assertThrows(IllegalArgumentException.class, () -> order.send(WebSocketSend.text("x")));
            assertThrows(IllegalArgumentException.class, () -> order.send(FLUSH));
        }
    }

    @Nested
    class Endings {
        @Test
        void notStartedWhenNothingWasSent() {
            assertEquals(Ending.NOT_STARTED, order.finish());
        }

        @Test
        void unfinishedWhileTheBodyIsOpen() {
            deliver(order, START, CHUNK);
            assertEquals(Ending.UNFINISHED, order.finish());
        }

        @Test
        void unfinishedWhileDeclaredTrailersAreOwed() {
            deliver(order, START_WITH_TRAILERS, LAST);
            assertEquals(Ending.UNFINISHED, order.finish());
        }

        @Test
        void finishDoesNotChangeTheState() {
            deliver(order, START);
            order.finish();
            deliver(order, LAST);
            assertEquals(Ending.COMPLETE, order.finish());
        }
    }

    @Nested
    class AllowedSends {
        @Test
        void perStateWithoutFullflush() {
            assertEquals(Set.of(HTTP_RESPONSE_START), order.allowedSends());
            deliver(order, START);
            assertEquals(Set.of(HTTP_RESPONSE_BODY), order.allowedSends());
            deliver(order, LAST);
            assertEquals(Set.of(), order.allowedSends());
        }

        @Test
        void perStateWithDeclaredTrailers() {
            deliver(order, START_WITH_TRAILERS);
            assertEquals(Set.of(HTTP_RESPONSE_BODY, HTTP_RESPONSE_TRAILERS), order.allowedSends());
            deliver(order, LAST);
            assertEquals(Set.of(HTTP_RESPONSE_TRAILERS), order.allowedSends());
        }

        @Test
        void fullflushJoinsTheStatesAfterTheStartAndBeforeCompletion() {
            assertEquals(Set.of(HTTP_RESPONSE_START), flushing.allowedSends());
            deliver(flushing, START_WITH_TRAILERS);
            assertEquals(Set.of(HTTP_RESPONSE_BODY, HTTP_RESPONSE_TRAILERS, HTTP_FULLFLUSH), flushing.allowedSends());
            deliver(flushing, LAST);
            assertEquals(Set.of(HTTP_RESPONSE_TRAILERS, HTTP_FULLFLUSH), flushing.allowedSends());
            deliver(flushing, TRAILERS);
            assertEquals(Set.of(), flushing.allowedSends());
        }

        @Test
        void theReturnedSetIsASnapshot() {
            Set<?> before = order.allowedSends();
            deliver(order, START);
            assertEquals(Set.of(HTTP_RESPONSE_START), before);
            assertThrows(UnsupportedOperationException.class, () -> order.allowedSends().clear());
        }
    }

    @Nested
    class WrongEvents {
        @Test
        void rejectsAnotherProtocolsEventWithIllegalArgument() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> order.send(WebSocketSend.text("x")));
            assertEquals("http: websocket.send is not an event an application can send on a http scope; it sends "
                    + "[http.fullflush, http.response.body, http.response.start, http.response.trailers]",
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> order.send(SseSend.data("x")));
        }

        @Test
        void rejectsAReceiveEventSentByTheApplication() {
            assertThrows(IllegalArgumentException.class, () -> order.send(HttpRequest.last(Bytes.empty())));
            assertThrows(IllegalArgumentException.class, () -> order.send(new HttpDisconnect()));
        }

        @Test
        void rejectsAnExtensionEvent() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> order.send(new ExtensionEvent("ext.x", Map.of())));
            assertEquals("http: ext.x is an extension event this scope does not support", e.getMessage());
        }

        @Test
        void rejectsFullflushWhenNotAdvertised() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> order.send(FLUSH));
            assertEquals("http: http.fullflush needs the 'fullflush' extension, which this scope does not advertise",
                    e.getMessage());
        }

        @Test
        void aWrongEventLeavesTheStateAsItWas() {
            assertThrows(IllegalArgumentException.class, () -> order.send(WebSocketSend.text("x")));
            assertEquals(HttpOrder.State.AWAITING_START, order.current());
            deliver(order, START);
        }
    }

    @Nested
    class Inbound {
        @Test
        void acceptsBodyPiecesUntilTheLastThenOnlyDisconnect() {
            order.received(new HttpRequest(Bytes.ascii("a"), true));
            order.received(new HttpRequest(Bytes.ascii("b"), false));
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> order.received(HttpRequest.last(Bytes.empty())));
            assertEquals(IllegalEventOrderException.Side.SERVER, e.side());
            assertEquals(Set.of(HTTP_DISCONNECT), e.expected());
            assertEquals("http (server delivered): expected http.disconnect, got http.request "
                    + "(the request body already ended; only http.disconnect may follow) [state AWAITING_START]",
                    e.getMessage());
            order.received(new HttpDisconnect());
        }

        @Test
        void rejectsARequestPieceAfterTheDisconnect() {
            order.received(new HttpDisconnect());
            assertThrows(IllegalEventOrderException.class, () -> order.received(new HttpRequest(Bytes.empty(), true)));
        }

        @Test
        void rejectsEventsAServerDoesNotDeliverOnHttp() {
            assertThrows(IllegalArgumentException.class, () -> order.received(START));
            assertThrows(IllegalArgumentException.class,
                    () -> order.received(new org.pagi.spec.event.WebSocketConnect()));
        }

        @Test
        void reportsItsScopeType() {
            assertEquals("http", order.scopeType());
        }
    }
}
