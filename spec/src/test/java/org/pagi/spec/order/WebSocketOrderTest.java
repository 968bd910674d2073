package org.pagi.spec.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pagi.spec.event.EventType.WEBSOCKET_ACCEPT;
import static org.pagi.spec.event.EventType.WEBSOCKET_CLOSE;
import static org.pagi.spec.event.EventType.WEBSOCKET_HTTP_RESPONSE_BODY;
import static org.pagi.spec.event.EventType.WEBSOCKET_HTTP_RESPONSE_START;
import static org.pagi.spec.event.EventType.WEBSOCKET_KEEPALIVE;
import static org.pagi.spec.event.EventType.WEBSOCKET_SEND;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketConnect;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketHttpResponseBody;
import org.pagi.spec.event.WebSocketHttpResponseStart;
import org.pagi.spec.event.WebSocketKeepalive;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;

class WebSocketOrderTest {

    private static final WebSocketAccept ACCEPT = new WebSocketAccept();
    private static final WebSocketSend SEND = WebSocketSend.text("hi");
    private static final WebSocketKeepalive KEEPALIVE =
            new WebSocketKeepalive(Duration.ofSeconds(10), Optional.of(Duration.ofSeconds(5)));
    private static final WebSocketClose CLOSE = new WebSocketClose();
    private static final WebSocketHttpResponseStart DENY = new WebSocketHttpResponseStart(401, Headers.empty());
    private static final WebSocketHttpResponseBody DENY_MORE = new WebSocketHttpResponseBody(Bytes.ascii("a"), true);
    private static final WebSocketHttpResponseBody DENY_LAST = new WebSocketHttpResponseBody(Bytes.ascii("b"), false);

    private final WebSocketOrder plain = new WebSocketOrder(false);
    private final WebSocketOrder denying = new WebSocketOrder(true);

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
        void acceptSendKeepaliveThenClose() {
            deliver(plain, ACCEPT, SEND, KEEPALIVE, WebSocketSend.bytes(Bytes.ascii("b")), SEND);
            assertEquals(WebSocketOrder.State.OPEN, plain.current());
            deliver(plain, CLOSE);
            assertEquals(WebSocketOrder.State.CLOSED, plain.current());
            assertEquals(Ending.COMPLETE, plain.finish());
        }

        @Test
        void closeBeforeAcceptRefusesTheHandshake() {
            deliver(plain, new WebSocketClose(1008, "policy"));
            assertEquals(WebSocketOrder.State.CLOSED, plain.current());
            assertEquals(Ending.COMPLETE, plain.finish());
        }

        @Test
        void aDenialResponseMayStreamItsBody() {
            deliver(denying, DENY, DENY_MORE, DENY_MORE, DENY_LAST);
            assertEquals(WebSocketOrder.State.DENIED, denying.current());
            assertEquals(Ending.COMPLETE, denying.finish());
        }

        @Test
        void inboundMessagesFlowWhileOpen() {
            plain.received(new WebSocketConnect());
            deliver(plain, ACCEPT);
            plain.received(WebSocketReceive.text("a"));
            plain.received(WebSocketReceive.bytes(Bytes.ascii("b")));
            plain.received(new WebSocketDisconnect(1000, ""));
            assertEquals(Ending.DISCONNECTED, plain.finish());
        }
    }

    @Nested
    class IllegalTransitions {
        @Test
        void rejectsASendBeforeTheHandshakeIsAnswered() {
            IllegalEventOrderException e = rejected(plain, SEND);
            assertEquals("websocket: expected websocket.accept or websocket.close, got websocket.send "
                    + "(the handshake is not complete; accept or refuse it first) [state HANDSHAKE]", e.getMessage());
            assertEquals(Set.of(WEBSOCKET_ACCEPT, WEBSOCKET_CLOSE), e.expected());
        }

        @Test
        void rejectsKeepaliveBeforeAccept() {
            assertEquals("websocket.keepalive", rejected(plain, KEEPALIVE).got());
        }

        @Test
        void namesTheDenialStartAmongTheExpectedWhenAdvertised() {
            IllegalEventOrderException e = rejected(denying, SEND);
            assertEquals(Set.of(WEBSOCKET_ACCEPT, WEBSOCKET_CLOSE, WEBSOCKET_HTTP_RESPONSE_START), e.expected());
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("websocket: expected websocket.accept or websocket.close or "
                    + "websocket.http.response.start, got websocket.send"), e.getMessage());
        }

        @Test
        void rejectsADuplicateAccept() {
            deliver(plain, ACCEPT);
            IllegalEventOrderException e = rejected(plain, ACCEPT);
            assertEquals("duplicate websocket.accept: the WebSocket is already open", e.rule());
            assertEquals(Set.of(WEBSOCKET_SEND, WEBSOCKET_KEEPALIVE, WEBSOCKET_CLOSE), e.expected());
        }

        @Test
        void rejectsEverySendAfterTheApplicationsOwnClose() {
            deliver(plain, ACCEPT, CLOSE);
            for (Event ev : new Event[] {SEND, KEEPALIVE, CLOSE, ACCEPT}) {
                IllegalEventOrderException e = rejected(plain, ev);
                assertEquals("websocket: expected no further event, got " + ev.type()
                        + " (the WebSocket is closed: websocket.close was already sent) [state CLOSED]",
                        e.getMessage());
            }
        }

        @Test
        void rejectsADenialBodyWithoutADenialStart() {
            IllegalEventOrderException e = rejected(denying, DENY_LAST);
            assertEquals("a denial body needs websocket.http.response.start first", e.rule());
        }

        @Test
        void rejectsAcceptWhileDenying() {
            deliver(denying, DENY);
            IllegalEventOrderException e = rejected(denying, ACCEPT);
            assertEquals("websocket: expected websocket.http.response.body, got websocket.accept "
                    + "(the handshake is being denied; only the denial body may follow) [state DENYING]",
                    e.getMessage());
        }

        @Test
        void rejectsEverythingOnceTheDenialIsComplete() {
            deliver(denying, DENY, DENY_LAST);
            IllegalEventOrderException e = rejected(denying, DENY_LAST);
            assertEquals("the handshake was denied and the denial response is complete", e.rule());
            assertEquals(Set.of(), e.expected());
        }

        @Test
        void rejectsADeniedHandshakeBeingDeniedTwice() {
            deliver(denying, DENY);
            assertEquals("websocket.http.response.start", rejected(denying, DENY).got());
        }
    }

    @Nested
    class IgnoredEvents {
        @Test
        void denialEventsAfterAcceptAreIgnoredNotRejected() {
            deliver(denying, ACCEPT);
            assertEquals(Verdict.IGNORE, denying.send(DENY));
            assertEquals(Verdict.IGNORE, denying.send(DENY_LAST));
            assertEquals(WebSocketOrder.State.OPEN, denying.current());
            deliver(denying, SEND, CLOSE);
        }

        @Test
        void everySendIsIgnoredAfterThePeerLeft() {
            deliver(plain, ACCEPT);
            plain.peerDisconnected();
            for (Event e : new Event[] {SEND, KEEPALIVE, CLOSE, ACCEPT}) {
                assertEquals(Verdict.IGNORE, plain.send(e), e.type());
            }
            assertEquals("OPEN+DISCONNECTED", plain.state());
            assertEquals(Set.of(), plain.allowedSends());
        }

        @Test
        void websocketDisconnectCountsAsThePeerLeaving() {
            deliver(plain, ACCEPT);
            plain.received(new WebSocketDisconnect(1006, "client_closed"));
            assertEquals(Verdict.IGNORE, plain.send(SEND));
        }
    }

    @Nested
    class Endings {
        @Test
        void notStartedBeforeTheHandshakeIsAnswered() {
            assertEquals(Ending.NOT_STARTED, plain.finish());
        }

        @Test
        void unfinishedWhileOpenOrDenying() {
            deliver(plain, ACCEPT);
            assertEquals(Ending.UNFINISHED, plain.finish());
            deliver(denying, DENY, DENY_MORE);
            assertEquals(Ending.UNFINISHED, denying.finish());
        }

        @Test
        void disconnectedWhenThePeerLeftBeforeTheEnd() {
            plain.peerDisconnected();
            assertEquals(Ending.DISCONNECTED, plain.finish());
            deliver(denying, DENY);
            denying.peerDisconnected();
            assertEquals(Ending.DISCONNECTED, denying.finish());
        }

        @Test
        void completeWhenClosedEvenIfThePeerLeftAfterwards() {
            deliver(plain, ACCEPT, CLOSE);
            plain.peerDisconnected();
            assertEquals(Ending.COMPLETE, plain.finish());
        }
    }

    @Nested
    class AllowedSends {
        @Test
        void perState() {
            assertEquals(Set.of(WEBSOCKET_ACCEPT, WEBSOCKET_CLOSE), plain.allowedSends());
            deliver(plain, ACCEPT);
            assertEquals(Set.of(WEBSOCKET_SEND, WEBSOCKET_KEEPALIVE, WEBSOCKET_CLOSE), plain.allowedSends());
            deliver(plain, CLOSE);
            assertEquals(Set.of(), plain.allowedSends());
        }

        @Test
        void perDenialState() {
            assertEquals(Set.of(WEBSOCKET_ACCEPT, WEBSOCKET_CLOSE, WEBSOCKET_HTTP_RESPONSE_START),
                    denying.allowedSends());
            deliver(denying, DENY);
            assertEquals(Set.of(WEBSOCKET_HTTP_RESPONSE_BODY), denying.allowedSends());
            deliver(denying, DENY_LAST);
            assertEquals(Set.of(), denying.allowedSends());
        }
    }

    @Nested
    class WrongEvents {
        @Test
        void rejectsDenialEventsWhenTheExtensionIsNotAdvertised() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.send(DENY));
            assertEquals("websocket: websocket.http.response.start needs the 'websocket.http.response' extension,"
                    + " which this scope does not advertise; send websocket.close to refuse the handshake with 403",
                    e.getMessage());
            deliver(plain, ACCEPT);
            assertThrows(IllegalArgumentException.class, () -> plain.send(DENY_LAST));
        }

        @Test
        void rejectsAnotherProtocolsEvent() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> plain.send(new HttpResponseStart(200, Headers.empty())));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(
                    "websocket: http.response.start is not an event an application can send on a websocket scope"),
                    e.getMessage());
        }

        @Test
        void rejectsReceiveEventsSentByTheApplication() {
            assertThrows(IllegalArgumentException.class, () -> plain.send(new WebSocketConnect()));
            assertThrows(IllegalArgumentException.class, () -> plain.send(WebSocketReceive.text("x")));
        }
    }

    @Nested
    class Inbound {
        @Test
        void connectComesOnce() {
            plain.received(new WebSocketConnect());
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> plain.received(new WebSocketConnect()));
            assertEquals(IllegalEventOrderException.Side.SERVER, e.side());
            assertEquals("websocket.connect comes once, first", e.rule());
        }

        @Test
        void messagesArriveOnlyWhileOpen() {
            plain.received(new WebSocketConnect());
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> plain.received(WebSocketReceive.text("early")));
            assertEquals("websocket (server delivered): expected no further event, got websocket.receive "
                    + "(messages arrive only while the WebSocket is open) [state HANDSHAKE]", e.getMessage());
            deliver(plain, ACCEPT, CLOSE);
            assertThrows(IllegalEventOrderException.class, () -> plain.received(WebSocketReceive.text("late")));
        }

        @Test
        void noMessageArrivesAfterTheDisconnect() {
            deliver(plain, ACCEPT);
            plain.received(new WebSocketDisconnect(1001, ""));
            assertThrows(IllegalEventOrderException.class, () -> plain.received(WebSocketReceive.text("x")));
        }

        @Test
        void rejectsSendEventsDeliveredByTheServer() {
            assertThrows(IllegalArgumentException.class, () -> plain.received(ACCEPT));
        }

        @Test
        void reportsItsScopeType() {
            assertEquals("websocket", plain.scopeType());
        }
    }
}
