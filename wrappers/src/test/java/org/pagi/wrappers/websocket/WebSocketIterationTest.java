package org.pagi.wrappers.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;

/** forEach in both modes, the blocking iterator, and the Flow.Publisher's demand, completion and cancel. */
@Timeout(20)
class WebSocketIterationTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void forEachHandlesEveryMessageAndCompletesWhenTheSocketCloses(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(mode.app(
                ws -> ws.accept()
                        .thenCompose(v -> ws.forEach(m -> ws.sendText("echo " + ((Message.Text) m).text())))
                        .thenRun(() -> seen.add(ws.closeStatus().orElseThrow())),
                ws -> {
                    ws.accept();
                    ws.forEach(m -> ws.sendText("echo " + ((Message.Text) m).text()));
                    seen.add(ws.webSocket().closeStatus().orElseThrow());
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            for (int i = 0; i < 50; i++) {
                assertEquals("echo " + i, s.sendText(Integer.toString(i)).receiveText());
            }
        }
        assertEquals(new Closed(1000, ""), seen.next());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFailingForEachHandlerFailsTheLoopAndRunsOnErrorOnce(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        RuntimeException boom = new IllegalStateException("boom");
        TestClient client = TestClient.of(mode.app(
                ws -> ws.onError(seen::add).accept()
                        .thenCompose(v -> ws.forEach(m -> { throw boom; }))
                        .handle((v, e) -> { seen.add(Mode.cause(e)); return null; })
                        .thenCompose(v -> ws.onError(e -> seen.add("late " + e.getMessage())).close()),
                ws -> {
                    ws.webSocket().onError(seen::add);
                    ws.accept();
                    try {
                        ws.forEach(m -> { throw boom; });
                    } catch (IllegalStateException e) {
                        seen.add(e);
                    }
                    ws.webSocket().onError(e -> seen.add("late " + e.getMessage()));
                    ws.close();
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            s.sendText("a").sendText("b");
            s.expectClose(1000);
        }
        assertEquals(boom, seen.next(), "onError");
        assertEquals(boom, seen.next(), "the loop's failure");
        assertEquals("late boom", seen.next(), "registered after the error: runs at once");
        assertFalse(!seen.isEmpty(), "onError ran once");
    }

    @Test
    void theBlockingIteratorEndsAtTheClose() {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(Mode.BLOCKING.app(ws -> null, ws -> {
            ws.accept();
            List<Message> got = new ArrayList<>();
            var it = ws.iterator();
            while (it.hasNext()) {
                got.add(it.next());
            }
            seen.add(got);
            seen.add(assertThrows(NoSuchElementException.class, it::next).getMessage());
        }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            s.sendText("x").sendText("y");
        }
        assertEquals(List.of(Message.text("x"), Message.text("y")), seen.next());
        assertEquals("the WebSocket is closed: Closed[code=1000, reason=]", seen.next());
    }

    @Test
    void thePublisherReceivesOnlyAsFarAsDemandedAndCompletesAtTheClose() {
        Mode.Seen seen = new Mode.Seen();
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        TestClient client = TestClient.of(Mode.ASYNC.app(ws -> ws.accept().thenCompose(v -> {
            ws.messages().subscribe(new Recorder(seen, subscription, done));
            return done;
        }), ws -> { }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            s.sendText("1").sendText("2").sendText("3");
            assertEquals("subscribed", seen.next());
            subscription.get().request(1);
            assertEquals(Message.text("1"), seen.next());
            subscription.get().request(2);
            assertEquals(Message.text("2"), seen.next());
            assertEquals(Message.text("3"), seen.next());
            assertFalse(!seen.isEmpty(), "no demand, no receive");
            subscription.get().request(1);   // the pull that will see the close
            s.close();
        }
        assertEquals("complete", seen.next());
        assertFalse(!seen.isEmpty());
    }

    @Test
    void cancellingStopsReceivingSoALaterReceiveGetsTheNextMessage() {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(Mode.ASYNC.app(ws -> ws.accept().thenCompose(v -> ws.receiveText())
                .thenCompose(go -> {
                    CompletableFuture<Void> first = new CompletableFuture<>();
                    ws.messages().subscribe(new Flow.Subscriber<>() {
                        private Flow.Subscription sub;

                        @Override
                        public void onSubscribe(Flow.Subscription s) {
                            sub = s;
                            s.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(Message m) {
                            seen.add(m);
                            sub.cancel();
                            first.complete(null);
                        }

                        @Override
                        public void onError(Throwable t) {
                            seen.add(t);
                        }

                        @Override
                        public void onComplete() {
                            seen.add("complete");
                        }
                    });
                    return first;
                })
                .thenCompose(v -> ws.receiveText()).thenAccept(seen::add), ws -> { }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            s.sendText("1").sendText("2").sendText("go");   // "1" is taken by receiveText before subscribing
            assertEquals(Message.text("2"), seen.next());
            assertEquals("go", seen.next(), "the cancelled publisher left the next message to receive()");
        }
    }

    @Test
    void cancellingWhileAReceiveIsPendingHandsItsMessageToTheNextReceive() {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(Mode.ASYNC.app(ws -> ws.accept().thenCompose(v -> {
            AtomicReference<Flow.Subscription> sub = new AtomicReference<>();
            ws.messages().subscribe(new Recorder(seen, sub, new CompletableFuture<>()));
            sub.get().request(1);        // nothing sent yet: the publisher's receive is pending
            sub.get().cancel();
            seen.add("cancelled");
            return ws.receiveText();     // takes over the pending receive instead of failing as overlapping
        }).thenAccept(seen::add).thenCompose(v -> ws.receiveText()).thenAccept(seen::add), ws -> { }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            assertEquals("subscribed", seen.next());
            assertEquals("cancelled", seen.next());
            s.sendText("x").sendText("y");
            assertEquals("x", seen.next(), "not delivered to the cancelled subscriber");
            assertEquals("y", seen.next());
        }
    }

    @Test
    void aNonPositiveRequestOrASecondSubscriberIsAnError() {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(Mode.ASYNC.app(ws -> ws.accept().thenCompose(v -> {
            Flow.Publisher<Message> p = ws.messages();
            AtomicReference<Flow.Subscription> sub = new AtomicReference<>();
            p.subscribe(new Recorder(seen, sub, new CompletableFuture<>()));
            p.subscribe(new Recorder(seen, new AtomicReference<>(), new CompletableFuture<>()));
            sub.get().request(0);
            return ws.close();
        }), ws -> { }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            s.expectClose(1000);
        }
        assertEquals("subscribed", seen.next());
        assertEquals("subscribed", seen.next());
        assertEquals("this WebSocket's messages are already subscribed to",
                seen.next(IllegalStateException.class).getMessage());
        assertEquals("request(n) needs n > 0, got 0 (Reactive Streams rule 3.9)",
                seen.next(IllegalArgumentException.class).getMessage());
    }

    /** Records every signal; requests nothing by itself. */
    private record Recorder(Mode.Seen seen, AtomicReference<Flow.Subscription> subscription,
            CompletableFuture<Void> done) implements Flow.Subscriber<Message> {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.set(s);
            seen.add("subscribed");
        }

        @Override
        public void onNext(Message m) {
            seen.add(m);
        }

        @Override
        public void onError(Throwable t) {
            seen.add(t);
            done.complete(null);
        }

        @Override
        public void onComplete() {
            seen.add("complete");
            done.complete(null);
        }
    }
}
