package org.pagi.spec.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.PagiInfo;
import org.pagi.spec.Scope;
import org.pagi.spec.SseScope;
import org.pagi.spec.State;
import org.pagi.spec.TestRequests;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.EventType;
import org.pagi.spec.event.HttpFullFlush;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.server.FlowTracker;

class EventOrderTest {

    private static WebSocketScope websocket(Extensions extensions) {
        return new WebSocketScope(PagiInfo.current(), TestRequests.request("ws"), List.of(), new State(), extensions,
                new FlowTracker(), Map.of());
    }

    @Test
    void httpScopeGetsAnHttpOrderHonouringFullflush() {
        EventOrder without = EventOrder.forScope(TestRequests.httpScope(new State(), Extensions.none()));
        EventOrder with = EventOrder.forScope(
                TestRequests.httpScope(new State(), Extensions.none().with(Extensions.FULLFLUSH)));
        assertInstanceOf(HttpOrder.class, without);
        assertInstanceOf(HttpOrder.class, with);
        HttpResponseStart start = new HttpResponseStart(200, Headers.empty());
        without.send(start);
        with.send(start);
        assertFalse(without.allowedSends().contains(EventType.HTTP_FULLFLUSH));
        assertTrue(with.allowedSends().contains(EventType.HTTP_FULLFLUSH));
        assertThrows(IllegalArgumentException.class, () -> without.send(new HttpFullFlush()));
        assertEquals(Verdict.DELIVER, with.send(new HttpFullFlush()));
    }

    @Test
    void websocketScopeGetsAWebSocketOrderHonouringTheDenialExtension() {
        EventOrder without = EventOrder.forScope(websocket(Extensions.none()));
        EventOrder with = EventOrder.forScope(websocket(Extensions.none().with(Extensions.WEBSOCKET_HTTP_RESPONSE)));
        assertInstanceOf(WebSocketOrder.class, without);
        assertFalse(without.allowedSends().contains(EventType.WEBSOCKET_HTTP_RESPONSE_START));
        assertTrue(with.allowedSends().contains(EventType.WEBSOCKET_HTTP_RESPONSE_START));
    }

    @Test
    void sseAndLifespanScopesGetTheirMachines() {
        Scope sse = new SseScope(PagiInfo.current(), TestRequests.request("http"), new State(), Extensions.none(),
                new FlowTracker(), Map.of());
        assertInstanceOf(SseOrder.class, EventOrder.forScope(sse));
        assertInstanceOf(LifespanOrder.class, EventOrder.forScope(new LifespanScope(PagiInfo.current(), new State())));
    }

    @Test
    void everyMachineReportsTheTypeOfItsScope() {
        List<Scope> scopes = List.of(TestRequests.httpScope(new State(), Extensions.none()), websocket(Extensions.none()),
                new SseScope(PagiInfo.current(), TestRequests.request("http"), new State(), Extensions.none(),
                        new FlowTracker(), Map.of()),
                new LifespanScope(PagiInfo.current(), new State()));
        for (Scope s : scopes) {
            assertEquals(s.type(), EventOrder.forScope(s).scopeType());
        }
    }

    @Test
    void eachCallGivesAFreshMachine() {
        Scope scope = TestRequests.httpScope(new State(), Extensions.none());
        EventOrder first = EventOrder.forScope(scope);
        first.peerDisconnected();
        EventOrder second = EventOrder.forScope(scope);
        assertNotSame(first, second);
        assertEquals("AWAITING_START", second.state());
    }
}
