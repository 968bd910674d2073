package org.pagi.spec.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pagi.spec.Headers;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketHttpResponseStart;

/** Every response an application starts carries a final status, whatever the scope type. */
class FinalStatusRuleTest {

    @Test
    void refusesAnInformationalSseStart() {
        SseOrder order = new SseOrder();
        IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                () -> order.send(new SseStart(101, Headers.empty())));
        assertTrue(e.rule().contains("informational"), e.getMessage());
        assertEquals(SseOrder.State.AWAITING_START, order.current());
    }

    @Test
    void refusesAnInformationalSseDecline() {
        assertThrows(IllegalEventOrderException.class,
                () -> new SseOrder().send(new SseHttpResponseStart(103, Headers.empty())));
    }

    @Test
    void refusesAnInformationalWebSocketDenial() {
        WebSocketOrder order = new WebSocketOrder(true);
        IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                () -> order.send(new WebSocketHttpResponseStart(100, Headers.empty())));
        assertTrue(e.rule().contains("informational"), e.getMessage());
        assertEquals(WebSocketOrder.State.HANDSHAKE, order.current());
    }

    @Test
    void acceptsFinalStatuses() {
        assertEquals(Verdict.DELIVER, new SseOrder().send(new SseStart(200, Headers.empty())));
        assertEquals(Verdict.DELIVER, new WebSocketOrder(true).send(new WebSocketHttpResponseStart(401, Headers.empty())));
    }
}
