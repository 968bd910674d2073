package org.pagi.wrappers.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.event.ExtensionEvent;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.sse.ServerEvent;

/** The Sse operations an SseContext delegates, its disconnect, and dispatch on an SSE stream, in both modes. */
@Timeout(20)
class SseContextTest {

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void startSendCommentKeepaliveAndCloseThroughTheContext(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        TestClient client = TestClient.of(mode.sse(
                c -> {
                    seen.add(c.method() + " " + c.lastEventId() + " " + c.isConnected());
                    return c.start(201, Headers.of("x-feed", "news"))
                            .thenCompose(v -> c.send("plain"))
                            .thenCompose(v -> c.send(ServerEvent.named("update", "d1").withId("1")))
                            .thenCompose(v -> c.sendJson(Map.of("n", 1)))
                            .thenCompose(v -> c.trySend("t1")).thenAccept(seen::add)
                            .thenCompose(v -> c.trySend(ServerEvent.of("t2"))).thenAccept(seen::add)
                            .thenCompose(v -> c.trySendJson(List.of(2))).thenAccept(seen::add)
                            .thenCompose(v -> c.comment("note"))
                            .thenCompose(v -> c.keepalive(Duration.ofSeconds(15)))
                            .thenCompose(v -> c.keepalive(Duration.ofSeconds(20), "ping"))
                            .thenCompose(v -> c.close())
                            .thenRun(() -> seen.add(c.isConnected()))
                            .thenCompose(v -> c.trySend("late")).thenAccept(seen::add);
                },
                v -> {
                    SseContext c = v.context();
                    seen.add(c.method() + " " + c.lastEventId() + " " + c.isConnected());
                    v.start(201, Headers.of("x-feed", "news"));
                    v.send("plain");
                    v.send(ServerEvent.named("update", "d1").withId("1"));
                    v.sendJson(Map.of("n", 1));
                    seen.add(v.trySend("t1"));
                    seen.add(v.trySend(ServerEvent.of("t2")));
                    seen.add(v.trySendJson(List.of(2)));
                    v.comment("note");
                    v.keepalive(Duration.ofSeconds(15));
                    v.keepalive(Duration.ofSeconds(20), "ping");
                    v.close();
                    seen.add(c.isConnected());
                    seen.add(v.trySend("late"));
                }));
        try (SseStream s = client.sse("/feed").lastEventId("7").open()) {
            assertEquals(201, s.status());
            assertEquals(Optional.of("news"), s.headers().first("x-feed"));
            assertEquals(List.of(SseMessage.of("plain"), SseMessage.of("update", "d1").withId("1"),
                    SseMessage.of("{\"n\":1}"), SseMessage.of("t1"), SseMessage.of("t2"), SseMessage.of("[2]")),
                    s.take(6));
            s.awaitEnd();
            assertTrue(s.comments().contains("note"), s.comments().toString());
            assertEquals(Duration.ofSeconds(20), s.keepalive().orElseThrow().interval());
        }
        assertEquals("GET Optional[7] true", seen.next());
        assertEquals(true, seen.next());
        assertEquals(true, seen.next());
        assertEquals(true, seen.next());
        assertEquals(false, seen.next(), "closed: not connected");
        assertEquals(false, seen.next(), "trySend after close");
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void everyRunsUntilTheClientLeavesAndTheDisconnectIsReportedEveryWay(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        TestClient client = TestClient.of(mode.sse(
                c -> {
                    c.onDisconnect(reason -> seen.add("callback " + reason));
                    c.every(Duration.ofMillis(20), () -> c.send("tick"));
                    return c.disconnected().thenAccept(reason -> seen.add(reason + " " + c.isConnected() + " "
                            + c.disconnectReason()));
                },
                v -> {
                    SseContext c = v.context();
                    c.onDisconnect(reason -> seen.add("callback " + reason));
                    v.every(Duration.ofMillis(20), () -> v.send("tick"));
                    DisconnectReason reason = v.disconnected();
                    seen.add(reason + " " + c.isConnected() + " " + c.disconnectReason());
                }));
        SseStream s = client.sse("/ticks").open();
        assertEquals(List.of(SseMessage.of("tick"), SseMessage.of("tick")), s.take(2));
        s.disconnect();
        assertEquals("callback client_closed", seen.next());
        assertEquals("client_closed false Optional[client_closed]", seen.next());
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void declineAnswersWithAnOrdinaryResponse(ContextMode mode) {
        Response gone = Response.text("no such feed").withStatus(404);
        TestClient client = TestClient.of(mode.sse(c -> c.decline(gone), v -> v.decline(gone)));
        SseStream s = client.sse("/missing").open();
        assertTrue(s.declined());
        assertEquals(404, s.status());
        assertEquals("no such feed", s.body().utf8());
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void anEventInjectedBeforeRunStartsIsKeptForItAndRunEndsAtTheDisconnect(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        Injector injector = new Injector();
        CompletableFuture<Void> injected = new CompletableFuture<>();
        Application app = injector.around(mode.sse(
                c -> c.start().thenRun(() -> seen.add("started")).thenCompose(v -> injected)
                        .thenCompose(v -> c
                                .on("news.item", e -> c.sendJson(((ExtensionEvent) e).fields()))
                                .on("sse.disconnect", e -> {
                                    seen.add("disconnect connected=" + c.isConnected());
                                    return CompletableFuture.completedFuture(null);
                                })
                                .run())
                        .thenAccept(seen::add),
                v -> {
                    v.start();
                    seen.add("started");
                    injected.join();
                    SseContext c = v.context();
                    seen.add(v.on("news.item", e -> v.sendJson(((ExtensionEvent) e).fields()))
                            .on("sse.disconnect", e -> seen.add("disconnect connected=" + c.isConnected()))
                            .run());
                }));
        SseStream s = TestClient.of(app).sse("/news").open();
        assertEquals("started", seen.next());
        injector.inject("news.item", Map.of("title", "early"));   // the Sse's watch reads it; it is held for run()
        injected.complete(null);
        assertEquals(SseMessage.of("{\"title\":\"early\"}"), s.next());
        injector.inject("news.item", Map.of("title", "live"));
        assertEquals(SseMessage.of("{\"title\":\"live\"}"), s.next());
        s.disconnect();
        assertEquals("disconnect connected=false", seen.next());
        assertEquals(RunEnd.DISCONNECT, seen.next());
    }
}
