package org.pagi.spec.order;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseRequest;

/**
 * Body bytes that arrived before the client left are still delivered after the server learned it left (nothing
 * accepted is lost); only after the disconnect event itself was delivered may no body follow.
 */
class DeliveryAfterDisconnectTest {

    @Test
    void httpDeliversQueuedBodyAfterThePeerLeftButNothingAfterTheDisconnectEvent() {
        HttpOrder order = new HttpOrder(false);
        order.peerDisconnected();
        assertDoesNotThrow(() -> order.received(new HttpRequest(Bytes.ascii("queued"), true)));
        order.received(new HttpDisconnect());
        assertThrows(IllegalEventOrderException.class, () -> order.received(new HttpRequest(Bytes.ascii("late"), true)));
    }

    @Test
    void sseDeliversQueuedBodyAfterThePeerLeftButNothingAfterTheDisconnectEvent() {
        SseOrder order = new SseOrder();
        order.peerDisconnected();
        assertDoesNotThrow(() -> order.received(new SseRequest(Bytes.ascii("queued"), true)));
        order.received(new SseDisconnect(DisconnectReason.CLIENT_CLOSED));
        assertThrows(IllegalEventOrderException.class, () -> order.received(new SseRequest(Bytes.ascii("late"), false)));
    }
}
