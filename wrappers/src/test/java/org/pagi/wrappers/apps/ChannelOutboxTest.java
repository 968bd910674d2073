package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ChannelOutboxTest {

    /** A client whose sends complete only when the test says so. */
    private static final class SlowClient {
        final List<String> sent = new ArrayList<>();
        final List<CompletableFuture<Void>> pending = new ArrayList<>();
        final AtomicInteger overflows = new AtomicInteger();

        ChannelOutbox<String> outbox(int maxMessages, long maxBytes) {
            ChannelOutbox<String> outbox = new ChannelOutbox<>(maxMessages, maxBytes, String::length, this::send,
                    overflows::incrementAndGet);
            outbox.open();
            return outbox;
        }

        CompletableFuture<Void> send(String s) {
            sent.add(s);
            CompletableFuture<Void> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        void completeNext() {
            pending.get(sent.size() - 1).complete(null);
        }
    }

    @Test
    void sendsOneAtATimeInOrderEachAfterThePreviousCompleted() {
        SlowClient client = new SlowClient();
        ChannelOutbox<String> outbox = client.outbox(10, 1000);
        assertTrue(outbox.offer("a"));
        assertTrue(outbox.offer("b"));
        assertTrue(outbox.offer("c"));
        assertEquals(List.of("a"), client.sent, "b waits until a was taken");
        assertEquals(2, outbox.waiting());
        client.completeNext();
        assertEquals(List.of("a", "b"), client.sent);
        client.completeNext();
        client.completeNext();
        assertEquals(List.of("a", "b", "c"), client.sent);
        assertEquals(0, outbox.waiting());
        assertTrue(outbox.offer("d"), "an idle outbox sends at once");
        assertEquals(List.of("a", "b", "c", "d"), client.sent);
    }

    @Test
    void nothingIsSentBeforeOpenAndOpenSendsWhatWasOfferedInOrder() {
        SlowClient client = new SlowClient();
        ChannelOutbox<String> outbox = new ChannelOutbox<>(2, 100, String::length, client::send,
                client.overflows::incrementAndGet);
        outbox.preload(List.of("replayed"));
        assertTrue(outbox.offer("live"));
        assertEquals(List.of(), client.sent, "held until open");
        outbox.open();
        client.completeNext();
        assertEquals(List.of("replayed", "live"), client.sent);
        assertFalse(outbox.offer("a") && outbox.offer("b") && outbox.offer("c") && outbox.offer("d"),
                "the bounds apply while held too");
    }

    @Test
    void oneMessageMoreThanTheBoundOverflowsOnceDropsWhatWaitsAndRefusesTheRest() {
        SlowClient client = new SlowClient();
        ChannelOutbox<String> outbox = client.outbox(2, 1000);
        assertTrue(outbox.offer("in flight"));
        assertTrue(outbox.offer("w1"));
        assertTrue(outbox.offer("w2"));
        assertFalse(outbox.offer("w3"), "a third waiting message is over maxMessages");
        assertEquals(1, client.overflows.get());
        assertTrue(outbox.isClosed());
        assertEquals(0, outbox.waiting(), "what waited is dropped, not kept");
        assertFalse(outbox.offer("later"));
        client.completeNext();
        assertEquals(List.of("in flight"), client.sent, "nothing more goes out after the overflow");
        assertEquals(1, client.overflows.get(), "the overflow runs once");
    }

    @Test
    void theByteBoundCountsWaitingMessagesButAlwaysTakesOneIntoAnEmptyQueue() {
        SlowClient client = new SlowClient();
        ChannelOutbox<String> outbox = client.outbox(100, 10);
        assertTrue(outbox.offer("x"));                   // in flight, not counted
        assertTrue(outbox.offer("a".repeat(25)), "one message larger than the bound fits an empty queue");
        assertFalse(outbox.offer("b"), "but nothing may join it");
        assertEquals(1, client.overflows.get());

        SlowClient other = new SlowClient();
        ChannelOutbox<String> fits = other.outbox(100, 10);
        fits.offer("x");
        assertTrue(fits.offer("12345"));
        assertTrue(fits.offer("67890"), "exactly at the bound");
        assertFalse(fits.offer("!"));
    }

    @Test
    void aFailedSendClosesQuietlyAndAPreloadGoesOutPastTheBounds() {
        SlowClient client = new SlowClient();
        ChannelOutbox<String> outbox = client.outbox(1, 1);
        outbox.preload(List.of("r1", "r2", "r3"));
        assertEquals(2, outbox.waiting(), "a replay is queued whole");
        client.completeNext();
        client.completeNext();
        client.completeNext();
        assertEquals(List.of("r1", "r2", "r3"), client.sent);
        assertTrue(outbox.offer("live"));
        client.pending.getLast().completeExceptionally(new IllegalStateException("client gone"));
        assertTrue(outbox.isClosed());
        assertFalse(outbox.offer("more"));
        assertEquals(0, client.overflows.get(), "a gone client is no overflow");
    }

    @Test
    void sendsThatCompleteAtOnceDrainWithoutRecursion() {
        List<Integer> sent = new ArrayList<>();
        ChannelOutbox<Integer> outbox = new ChannelOutbox<>(1_000_000, Long.MAX_VALUE, i -> 1,
                i -> {
                    sent.add(i);
                    return CompletableFuture.completedFuture(null);
                }, () -> { });
        outbox.open();
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            many.add(i);
        }
        outbox.preload(many);
        assertEquals(200_000, sent.size());
    }
}
