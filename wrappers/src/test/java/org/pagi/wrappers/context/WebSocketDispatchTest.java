package org.pagi.wrappers.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.ExtensionEvent;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;

/** on / onDefault / onError / stop / run on a WebSocket context, in both handler modes. */
@Timeout(20)
class WebSocketDispatchTest {

    private static String text(Event e) {
        return ((WebSocketReceive) e).text().orElseThrow();
    }

    /** A stage that completes a little later on another thread, so awaiting it is observable. */
    private static CompletionStage<Void> later(List<String> log, String entry) {
        return CompletableFuture.runAsync(() -> log.add(entry),
                CompletableFuture.delayedExecutor(30, TimeUnit.MILLISECONDS));
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void handlersRunInOrderAsyncOnesAreAwaitedAndRunEndsAtTheDisconnectTheWrapperAlreadyKnows(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        List<String> log = new CopyOnWriteArrayList<>();
        TestClient client = TestClient.of(mode.webSocket(
                c -> c.accept().thenCompose(v -> {
                    c.on("websocket.receive", e -> {
                        log.add("first " + text(e));
                        return later(log, "first done " + text(e));
                    });
                    c.blocking().on("websocket.receive", e -> log.add("second " + text(e)));  // mixed kinds
                    c.on("websocket.disconnect", e -> {
                        log.add("disconnect closed=" + c.isClosed() + " " + c.closeCode());
                        return CompletableFuture.completedFuture(null);
                    });
                    c.onDefault(e -> {
                        log.add("default " + e.type());
                        return CompletableFuture.completedFuture(null);
                    });
                    return c.run();
                }).thenAccept(seen::add),
                v -> {
                    v.accept();
                    WebSocketContext c = v.context();
                    c.on("websocket.receive", e -> {
                        log.add("first " + text(e));
                        return later(log, "first done " + text(e));    // an async handler under the blocking run
                    });
                    v.on("websocket.receive", e -> log.add("second " + text(e)))
                            .on("websocket.disconnect", e -> log.add("disconnect closed=" + c.isClosed() + " "
                                    + c.closeCode()))
                            .onDefault(e -> log.add("default " + e.type()));
                    seen.add(v.run());
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            s.sendText("a").sendText("b");
            s.close(4000, "bye");
        }
        assertEquals(RunEnd.DISCONNECT, seen.next());
        assertEquals(List.of("default websocket.connect", "first a", "first done a", "second a", "first b",
                "first done b", "second b", "disconnect closed=true OptionalInt[4000]"), log);
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void anInjectedExtensionEventIsDispatchedByItsTypeAndUnknownTypesGoToTheDefault(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        Injector injector = new Injector();
        Application app = injector.around(mode.webSocket(
                c -> c.accept().thenCompose(v -> c
                        .on("chat.message", e -> c.sendJson(((ExtensionEvent) e).fields()))
                        .onDefault(e -> {
                            seen.add("default " + e.type());
                            return CompletableFuture.completedFuture(null);
                        })
                        .run()).thenAccept(seen::add),
                v -> {
                    v.accept();
                    seen.add(v.on("chat.message", e -> v.sendJson(((ExtensionEvent) e).fields()))
                            .onDefault(e -> seen.add("default " + e.type()))
                            .run());
                }));
        try (WebSocketSession s = TestClient.of(app).websocket("/").connect()) {
            assertEquals("default websocket.connect", seen.next());
            injector.inject("chat.message", Map.of("text", "hi", "from", "ann"));
            assertEquals(Map.of("text", "hi", "from", "ann"), s.receiveJson(Map.class));
            injector.inject("presence.join", Map.of("user", "bob"));
            assertEquals("default presence.join", seen.next());
            s.sendText("unhandled");
            assertEquals("default websocket.receive", seen.next());
        }
        assertEquals(RunEnd.DISCONNECT, seen.next());
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void aFailingHandlerIsReportedAndTheLoopGoesOnAFailingReceiveEndsTheRunWithError(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        Application handler = mode.webSocket(
                c -> c.accept().thenCompose(v -> c
                        .on("websocket.receive", e -> {
                            if (text(e).equals("boom")) {
                                throw new IllegalArgumentException("handler broke");
                            }
                            if (text(e).equals("fail")) {
                                return CompletableFuture.failedFuture(new IllegalStateException("stage broke"));
                            }
                            return c.sendText("ok " + text(e));
                        })
                        .onError((error, source) -> seen.add(source + " " + error.getMessage()))
                        .onError((error, source) -> {
                            throw new IllegalStateException("a failing error handler is logged");
                        })
                        .run()).thenAccept(seen::add),
                v -> {
                    v.accept();
                    seen.add(v.on("websocket.receive", e -> {
                        if (text(e).equals("boom")) {
                            throw new IllegalArgumentException("handler broke");
                        }
                        if (text(e).equals("fail")) {
                            throw new java.io.IOException("stage broke");  // a checked failure, as it is
                        }
                        v.sendText("ok " + text(e));
                    }).onError((error, source) -> seen.add(source + " " + error.getMessage()))
                            .onError((error, source) -> {
                                throw new IllegalStateException("a failing error handler is logged");
                            })
                            .run());
                });
        // The server's receive fails when the client sends "break receive".
        Application app = (scope, receive, send) -> handler.call(scope, () -> receive.receive().thenApply(e -> {
            if (e instanceof WebSocketReceive r && r.text().orElse("").equals("break receive")) {
                throw new IllegalStateException("receive broke");
            }
            return e;
        }), send);
        try (WebSocketSession s = TestClient.of(app).websocket("/").connect()) {
            s.sendText("boom");
            assertEquals("HANDLER handler broke", seen.next());
            s.sendText("fail");
            assertEquals("HANDLER stage broke", seen.next());
            assertEquals("ok fine", s.sendText("fine").receiveText(), "the loop went on");
            s.sendText("break receive");
            assertEquals("RECEIVE receive broke", seen.next());
            assertEquals(RunEnd.ERROR, seen.next());
        }
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void withNoErrorHandlerAFailureIsLoggedAndTheLoopGoesOn(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        TestClient client = TestClient.of(mode.webSocket(
                c -> c.accept().thenCompose(v -> c.on("websocket.receive", e -> {
                    if (text(e).equals("boom")) {
                        throw new IllegalArgumentException("logged, not fatal");
                    }
                    return c.sendText("ok " + text(e));
                }).run()).thenAccept(seen::add),
                v -> {
                    v.accept();
                    seen.add(v.on("websocket.receive", e -> {
                        if (text(e).equals("boom")) {
                            throw new IllegalArgumentException("logged, not fatal");
                        }
                        v.sendText("ok " + text(e));
                    }).run());
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            assertEquals("ok after", s.sendText("boom").sendText("after").receiveText());
        }
        assertEquals(RunEnd.DISCONNECT, seen.next());
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void stopEndsTheRunAfterTheHandlerAndExplicitReceivesTakeWhatFollows(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        TestClient client = TestClient.of(mode.webSocket(
                c -> c.accept().thenCompose(v -> c.on("websocket.receive", e -> {
                    if (text(e).equals("ask")) {       // an explicit receive inside a handler takes the next message
                        return c.receiveText().thenCompose(t -> c.sendText("answer " + t));
                    }
                    try {
                        c.run();
                    } catch (IllegalStateException again) {
                        seen.add(again.getMessage());
                    }
                    c.stop();
                    return c.sendText("stopping");
                }).run()).thenAccept(seen::add)
                        .thenCompose(v -> c.receiveText()).thenCompose(t -> c.sendText("explicit " + t))
                        .thenCompose(v -> c.run()).thenAccept(seen::add)            // runs again: handlers kept
                        .thenCompose(v -> c.receiveText()).thenCompose(t -> c.sendText("explicit " + t)),
                v -> {
                    v.accept();
                    WebSocketContext c = v.context();
                    v.on("websocket.receive", e -> {
                        if (text(e).equals("ask")) {
                            v.sendText("answer " + v.receiveText());
                            return;
                        }
                        try {
                            v.run();
                        } catch (IllegalStateException again) {
                            seen.add(again.getMessage());
                        }
                        v.stop();
                        v.sendText("stopping");
                    });
                    seen.add(v.run());
                    v.sendText("explicit " + v.receiveText());
                    seen.add(v.run());
                    v.sendText("explicit " + v.receiveText());
                    assertTrue(!c.isRunning());
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            assertEquals("answer question", s.sendText("ask").sendText("question").receiveText());
            assertEquals("stopping", s.sendText("stop").receiveText());
            assertEquals("run() is already running on this context; stop() it or wait for it", seen.next());
            assertEquals(RunEnd.STOP, seen.next());
            assertEquals("explicit after", s.sendText("after").receiveText());
            assertEquals("stopping", s.sendText("stop again").receiveText());
            seen.next(String.class);
            assertEquals(RunEnd.STOP, seen.next());
            assertEquals("explicit last", s.sendText("last").receiveText());
        }
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void stopWhileRunWaitsEndsItAtOnceAndTheMessageInFlightGoesToTheNextReceive(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        CompletableFuture<WebSocketContext> running = new CompletableFuture<>();
        TestClient client = TestClient.of(mode.webSocket(
                c -> c.accept().thenCompose(v -> {
                    CompletionStage<RunEnd> end = c.on("websocket.receive", e -> c.sendText("run " + text(e))).run();
                    running.complete(c);
                    return end;
                }).thenAccept(seen::add)
                        .thenCompose(v -> c.receiveText()).thenCompose(t -> c.sendText("explicit " + t)),
                v -> {
                    v.accept();
                    v.on("websocket.receive", e -> v.sendText("run " + text(e)));
                    running.complete(v.context());
                    seen.add(v.run());
                    v.sendText("explicit " + v.receiveText());
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            assertEquals("run one", s.sendText("one").receiveText());
            WebSocketContext c = running.join();
            c.stop();
            assertEquals(RunEnd.STOP, seen.next());
            assertEquals("explicit two", s.sendText("two").receiveText());
        }
    }
}
