package org.pagi.spec.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pagi.spec.event.EventType.SSE_CLOSE;
import static org.pagi.spec.event.EventType.SSE_COMMENT;
import static org.pagi.spec.event.EventType.SSE_DISCONNECT;
import static org.pagi.spec.event.EventType.SSE_HTTP_RESPONSE_BODY;
import static org.pagi.spec.event.EventType.SSE_HTTP_RESPONSE_START;
import static org.pagi.spec.event.EventType.SSE_KEEPALIVE;
import static org.pagi.spec.event.EventType.SSE_SEND;
import static org.pagi.spec.event.EventType.SSE_START;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.SseClose;
import org.pagi.spec.event.SseComment;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.event.SseRequest;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;

class SseOrderTest {

    private static final SseStart START = new SseStart();
    private static final SseSend SEND = SseSend.data("x");
    private static final SseComment COMMENT = new SseComment("c");
    private static final SseKeepalive KEEPALIVE = new SseKeepalive(Duration.ofSeconds(15));
    private static final SseClose CLOSE = new SseClose("done");
    private static final SseHttpResponseStart DECLINE = new SseHttpResponseStart(204, Headers.empty());
    private static final SseHttpResponseBody DECLINE_MORE = new SseHttpResponseBody(Bytes.ascii("a"), true);
    private static final SseHttpResponseBody DECLINE_LAST = new SseHttpResponseBody(Bytes.ascii("b"), false);

    private final SseOrder order = new SseOrder();

    private void deliver(Event... events) {
        for (Event e : events) {
            assertEquals(Verdict.DELIVER, order.send(e), e.type());
        }
    }

    private IllegalEventOrderException rejected(Event event) {
        return assertThrows(IllegalEventOrderException.class, () -> order.send(event));
    }

    @Nested
    class LegalPaths {
        @Test
        void startStreamThenClose() {
            deliver(START, SEND, COMMENT, KEEPALIVE, SEND);
            assertEquals(SseOrder.State.STREAMING, order.current());
            deliver(CLOSE);
            assertEquals(SseOrder.State.CLOSED, order.current());
            assertEquals(Ending.COMPLETE, order.finish());
        }

        @Test
        void declineWithAStreamedBody() {
            deliver(DECLINE, DECLINE_MORE, DECLINE_LAST);
            assertEquals(SseOrder.State.DECLINED, order.current());
            assertEquals(Ending.COMPLETE, order.finish());
        }

        @Test
        void closeIsIdempotent() {
            deliver(START, CLOSE);
            assertEquals(Verdict.IGNORE, order.send(CLOSE));
            assertEquals(Verdict.IGNORE, order.send(new SseClose()));
            assertEquals(SseOrder.State.CLOSED, order.current());
        }

        @Test
        void returningWhileStreamingEndsTheStreamNormally() {
            deliver(START, SEND);
            assertEquals(Ending.COMPLETE, order.finish());
        }
    }

    @Nested
    class IllegalTransitions {
        @Test
        void rejectsStreamEventsBeforeTheStart() {
            for (Event e : new Event[] {SEND, COMMENT, KEEPALIVE, CLOSE}) {
                IllegalEventOrderException x = rejected(e);
                assertEquals("sse: expected sse.http.response.start or sse.start, got " + e.type()
                        + " (the stream has not started; send sse.start first) [state AWAITING_START]",
                        x.getMessage());
                assertEquals(Set.of(SSE_START, SSE_HTTP_RESPONSE_START), x.expected());
            }
        }

        @Test
        void rejectsADeclineBodyBeforeTheDeclineStart() {
            assertEquals("a decline body needs sse.http.response.start first", rejected(DECLINE_LAST).rule());
        }

        @Test
        void rejectsADuplicateStart() {
            deliver(START);
            IllegalEventOrderException e = rejected(START);
            assertEquals("duplicate sse.start: the stream already started", e.rule());
            assertEquals(Set.of(SSE_SEND, SSE_COMMENT, SSE_KEEPALIVE, SSE_CLOSE), e.expected());
        }

        @Test
        void rejectsDecliningAStartedStream() {
            deliver(START);
            IllegalEventOrderException e = rejected(DECLINE);
            assertEquals("sse: expected sse.close or sse.comment or sse.keepalive or sse.send, "
                    + "got sse.http.response.start (the stream already started, so it can no longer be declined)"
                    + " [state STREAMING]", e.getMessage());
            assertEquals("sse.http.response.body", rejected(DECLINE_LAST).got());
        }

        @Test
        void rejectsStreamEventsWhileDeclining() {
            deliver(DECLINE);
            for (Event e : new Event[] {START, SEND, CLOSE, DECLINE}) {
                IllegalEventOrderException x = rejected(e);
                assertEquals("the request is being declined; only the decline body may follow", x.rule());
                assertEquals(Set.of(SSE_HTTP_RESPONSE_BODY), x.expected());
            }
        }

        @Test
        void rejectsStreamEventsAfterClose() {
            deliver(START, CLOSE);
            for (Event e : new Event[] {SEND, COMMENT, KEEPALIVE, START}) {
                IllegalEventOrderException x = rejected(e);
                assertEquals("sse: expected sse.close, got " + e.type()
                        + " (the stream is closed: sse.close was already sent) [state CLOSED]", x.getMessage());
            }
        }

        @Test
        void rejectsEverythingOnceTheDeclineIsComplete() {
            deliver(DECLINE, DECLINE_LAST);
            IllegalEventOrderException e = rejected(CLOSE);
            assertEquals("the request was declined and the response is complete", e.rule());
            assertEquals(Set.of(), e.expected());
        }
    }

    @Nested
    class PeerDisconnect {
        @Test
        void everySendIsIgnoredAfterThePeerLeft() {
            deliver(START);
            order.peerDisconnected();
            for (Event e : new Event[] {SEND, START, DECLINE, CLOSE}) {
                assertEquals(Verdict.IGNORE, order.send(e), e.type());
            }
            assertEquals(Set.of(), order.allowedSends());
            assertEquals("STREAMING+DISCONNECTED", order.state());
        }

        @Test
        void sseDisconnectCountsAsThePeerLeaving() {
            order.received(new SseDisconnect(DisconnectReason.CLIENT_CLOSED));
            assertEquals(Verdict.IGNORE, order.send(SEND));
            assertEquals(Ending.DISCONNECTED, order.finish());
        }
    }

    @Nested
    class Endings {
        @Test
        void notStartedWhenNothingWasSent() {
            assertEquals(Ending.NOT_STARTED, order.finish());
        }

        @Test
        void unfinishedWhileADeclineBodyIsOpen() {
            deliver(DECLINE, DECLINE_MORE);
            assertEquals(Ending.UNFINISHED, order.finish());
        }

        @Test
        void disconnectedWhenThePeerLeftBeforeAnythingWasOwedInFull() {
            deliver(DECLINE);
            order.peerDisconnected();
            assertEquals(Ending.DISCONNECTED, order.finish());
        }

        @Test
        void completeForAStartedStreamEvenIfThePeerLeft() {
            deliver(START);
            order.peerDisconnected();
            assertEquals(Ending.COMPLETE, order.finish());
        }
    }

    @Nested
    class AllowedSends {
        @Test
        void perStreamState() {
            assertEquals(Set.of(SSE_START, SSE_HTTP_RESPONSE_START), order.allowedSends());
            deliver(START);
            assertEquals(Set.of(SSE_SEND, SSE_COMMENT, SSE_KEEPALIVE, SSE_CLOSE), order.allowedSends());
            deliver(CLOSE);
            assertEquals(Set.of(SSE_CLOSE), order.allowedSends());
        }

        @Test
        void perDeclineState() {
            deliver(DECLINE);
            assertEquals(Set.of(SSE_HTTP_RESPONSE_BODY), order.allowedSends());
            deliver(DECLINE_LAST);
            assertEquals(Set.of(), order.allowedSends());
        }
    }

    @Nested
    class WrongEvents {
        @Test
        void rejectsAnotherProtocolsEvent() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> order.send(HttpResponseBody.last(Bytes.empty())));
            assertEquals("sse: http.response.body is not an event an application can send on a sse scope; it sends "
                    + "[sse.close, sse.comment, sse.http.response.body, sse.http.response.start, sse.keepalive,"
                    + " sse.send, sse.start]", e.getMessage());
        }

        @Test
        void rejectsReceiveEventsSentByTheApplication() {
            assertThrows(IllegalArgumentException.class, () -> order.send(new SseRequest(Bytes.empty(), false)));
        }
    }

    @Nested
    class Inbound {
        @Test
        void acceptsRequestPiecesUntilTheLastThenOnlyDisconnect() {
            order.received(new SseRequest(Bytes.ascii("a"), true));
            order.received(new SseRequest(Bytes.empty(), false));
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> order.received(new SseRequest(Bytes.empty(), false)));
            assertEquals(IllegalEventOrderException.Side.SERVER, e.side());
            assertEquals(Set.of(SSE_DISCONNECT), e.expected());
            order.received(new SseDisconnect(DisconnectReason.SERVER_SHUTDOWN));
        }

        @Test
        void rejectsARequestPieceAfterTheDisconnect() {
            order.received(new SseDisconnect(DisconnectReason.CLIENT_CLOSED));
            assertThrows(IllegalEventOrderException.class, () -> order.received(new SseRequest(Bytes.empty(), true)));
        }

        @Test
        void rejectsSendEventsDeliveredByTheServer() {
            assertThrows(IllegalArgumentException.class, () -> order.received(START));
        }

        @Test
        void reportsItsScopeType() {
            assertEquals("sse", order.scopeType());
        }
    }
}
