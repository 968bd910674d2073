package org.pagi.spec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;

class InboundQueueTest {
    private static final HttpRequest PIECE = new HttpRequest(Bytes.ascii("abcd"), true);

    @Test
    void handsOutQueuedEventsInOrder() {
        InboundQueue q = new InboundQueue();
        q.offer(PIECE);
        q.offer(HttpRequest.last(Bytes.ascii("e")));
        assertEquals(PIECE, q.receive().toCompletableFuture().join());
        assertEquals(HttpRequest.last(Bytes.ascii("e")), q.receive().toCompletableFuture().join());
    }

    @Test
    void completesAWaitingReceiveWithTheNextOffer() {
        InboundQueue q = new InboundQueue();
        CompletableFuture<Event> pending = q.receive().toCompletableFuture();
        assertFalse(pending.isDone());
        assertTrue(q.hasWaiter());
        q.offer(PIECE);
        assertSame(PIECE, pending.join());
        assertFalse(q.hasWaiter());
    }

    @Test
    void repeatsTheDisconnectForEveryLaterReceiveAndRefusesNewEvents() {
        InboundQueue q = new InboundQueue();
        q.offer(new HttpDisconnect());
        assertFalse(q.offer(PIECE), "nothing is added after a disconnect");
        assertTrue(q.isClosed());
        for (int i = 0; i < 3; i++) {
            assertEquals(new HttpDisconnect(), q.receive().toCompletableFuture().join());
        }
    }

    @Test
    void failsAnOverlappingReceiveWithAClearMessage() {
        InboundQueue q = new InboundQueue();
        q.receive();
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> q.receive().toCompletableFuture().join());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("before the previous receive() completed"));
    }

    @Test
    void countsQueuedPayloadBytesAndReportsWhatTheApplicationTakes() {
        List<String> heard = new ArrayList<>();
        InboundQueue q = new InboundQueue(new InboundQueue.Listener() {
            @Override
            public void firstReceive() {
                heard.add("first");
            }

            @Override
            public void taken(long bytes) {
                heard.add("taken " + bytes);
            }
        });
        q.offer(PIECE);
        q.offer(PIECE);
        assertEquals(8, q.queuedBytes());
        q.receive();
        assertEquals(4, q.queuedBytes());
        q.receive();
        assertEquals(0, q.queuedBytes());
        assertEquals(List.of("first", "taken 4", "taken 4"), heard);
    }

    @Test
    void discardsTheQueuedEventsAskedForAndReportsTheirBytesAsTaken() {
        List<Long> taken = new ArrayList<>();
        InboundQueue q = new InboundQueue(new InboundQueue.Listener() {
            @Override
            public void taken(long bytes) {
                taken.add(bytes);
            }
        });
        q.offer(org.pagi.spec.event.WebSocketReceive.text("one"));
        q.offer(org.pagi.spec.event.WebSocketReceive.bytes(org.pagi.spec.Bytes.of(new byte[5])));
        q.offer(new org.pagi.spec.event.WebSocketDisconnect(1000, ""));
        assertEquals(2, q.discard(e -> e instanceof org.pagi.spec.event.WebSocketReceive));
        assertEquals(0, q.queuedBytes());
        assertEquals(List.of(8L), taken);
        assertEquals(new org.pagi.spec.event.WebSocketDisconnect(1000, ""),
                q.receive().toCompletableFuture().join());
    }

    @Test
    void doesNotCountAnEventHandedStraightToAWaiter() {
        InboundQueue q = new InboundQueue();
        q.receive();
        q.offer(PIECE);
        assertEquals(0, q.queuedBytes());
    }
}
