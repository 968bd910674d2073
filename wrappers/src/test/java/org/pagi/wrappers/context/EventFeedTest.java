package org.pagi.wrappers.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Receive;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.ExtensionEvent;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseRequest;
import org.pagi.spec.event.WebSocketReceive;

/** The routing rules of the feed a context reads receive through, driven by a scripted receive. */
@Timeout(10)
class EventFeedTest {

    /** A receive the test feeds by hand: each call takes the next pushed event, or waits for one. */
    static final class Script implements Receive {
        private final ArrayDeque<Event> ready = new ArrayDeque<>();
        private CompletableFuture<Event> waiting;
        int calls;

        @Override
        public synchronized CompletionStage<Event> receive() {
            calls++;
            Event e = ready.pollFirst();
            if (e != null) {
                return CompletableFuture.completedFuture(e);
            }
            waiting = new CompletableFuture<>();
            return waiting;
        }

        void push(Event e) {
            CompletableFuture<Event> w;
            synchronized (this) {
                w = waiting;
                waiting = null;
                if (w == null) {
                    ready.addLast(e);
                    return;
                }
            }
            w.complete(e);
        }

        void fail(RuntimeException e) {
            CompletableFuture<Event> w;
            synchronized (this) {
                w = waiting;
                waiting = null;
            }
            w.completeExceptionally(e);
        }
    }

    private static ExtensionEvent ext(int n) {
        return new ExtensionEvent("test.n", Map.of("n", n));
    }

    private static EventFeed webSocketLike(Script s) {
        return new EventFeed(s, "sse.disconnect", e -> e instanceof WebSocketReceive, e -> e instanceof SseRequest);
    }

    @Test
    void pastTheBoundTheOldestUnclaimedEventIsDropped() {
        Script s = new Script();
        for (int i = 0; i < EventFeed.MAX_HELD + 6; i++) {
            s.push(ext(i));
        }
        EventFeed feed = webSocketLike(s);
        CompletableFuture<Event> watcher = feed.take(EventFeed.Reader.WRAPPER);  // takes none of them: all held
        assertTrue(!watcher.isDone());
        assertEquals(ext(6), feed.take(EventFeed.Reader.DISPATCHER).join(), "the first six were dropped");
        for (int i = 7; i < EventFeed.MAX_HELD + 6; i++) {
            assertEquals(ext(i), feed.take(EventFeed.Reader.DISPATCHER).join());
        }
    }

    @Test
    void aMessageGoesToAWaitingWrapperElseToRunAndTheDisconnectToBothAndStays() {
        Script s = new Script();
        EventFeed feed = webSocketLike(s);
        CompletableFuture<Event> dispatcher = feed.take(EventFeed.Reader.DISPATCHER);
        CompletableFuture<Event> wrapper = feed.take(EventFeed.Reader.WRAPPER);
        s.push(WebSocketReceive.text("to the explicit receive"));
        assertEquals(WebSocketReceive.text("to the explicit receive"), wrapper.join());
        s.push(ext(1));
        assertEquals(ext(1), dispatcher.join());

        wrapper = feed.take(EventFeed.Reader.WRAPPER);
        dispatcher = feed.take(EventFeed.Reader.DISPATCHER);
        SseDisconnect end = new SseDisconnect(DisconnectReason.CLIENT_CLOSED);
        s.push(end);
        assertSame(end, wrapper.join());
        assertSame(end, dispatcher.join());
        int calls = s.calls;
        assertSame(end, feed.take(EventFeed.Reader.WRAPPER).join(), "every later read yields it again");
        assertSame(end, feed.take(EventFeed.Reader.DISPATCHER).join());
        assertEquals(calls, s.calls, "without asking the server again");
    }

    @Test
    void cancelWithdrawsAWaitAndTheEventInFlightIsHeldForTheNextReader() {
        Script s = new Script();
        EventFeed feed = webSocketLike(s);
        CompletableFuture<Event> dispatcher = feed.take(EventFeed.Reader.DISPATCHER);
        feed.cancel(EventFeed.Reader.DISPATCHER);
        assertNull(dispatcher.join());
        s.push(WebSocketReceive.text("later"));
        assertEquals(WebSocketReceive.text("later"), feed.take(EventFeed.Reader.WRAPPER).join());
        feed.take(EventFeed.Reader.DISPATCHER);
        feed.cancel(EventFeed.Reader.DISPATCHER);
        s.push(new SseRequest(org.pagi.spec.Bytes.empty(), false));   // nobody waits and it is droppable: gone
        CompletableFuture<Event> next = feed.take(EventFeed.Reader.DISPATCHER);
        assertTrue(!next.isDone(), "the dropped body piece was not held");
    }

    @Test
    void aSecondWaitOfOneReaderFailsAndAFailedReadIsFinalForBoth() {
        Script s = new Script();
        EventFeed feed = webSocketLike(s);
        CompletableFuture<Event> first = feed.take(EventFeed.Reader.WRAPPER);
        CompletionException twice = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> feed.take(EventFeed.Reader.WRAPPER).join());
        assertEquals("a receive is already pending for the wrapper; wait for it before receiving again",
                twice.getCause().getMessage());
        CompletableFuture<Event> dispatcher = feed.take(EventFeed.Reader.DISPATCHER);
        s.fail(new IllegalStateException("socket gone"));
        for (CompletableFuture<Event> f : java.util.List.of(first, dispatcher, feed.take(EventFeed.Reader.WRAPPER))) {
            CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, f::join);
            assertEquals("socket gone", e.getCause().getMessage());
        }
    }
}
