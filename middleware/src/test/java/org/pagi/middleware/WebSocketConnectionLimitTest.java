package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketHttpResponseBody;
import org.pagi.spec.event.WebSocketHttpResponseStart;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketHandshake;
import org.pagi.testing.WebSocketSession;

@Timeout(60)
class WebSocketConnectionLimitTest {

    /** Sessions the application is running now, and the most it ever ran at once. */
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();

    /** Accepts, then waits for the client to go (the session stays open until then). */
    private final Application holding = (scope, receive, send) -> {
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        return receive.receive().thenCompose(connect -> send.send(new WebSocketAccept()))
                .thenCompose(v -> untilDisconnect(receive))
                .whenComplete((v, e) -> running.decrementAndGet());
    };

    private static CompletionStage<Void> untilDisconnect(Receive receive) {
        return receive.receive().thenCompose(event -> event instanceof WebSocketDisconnect
                ? CompletableFuture.completedFuture(null) : untilDisconnect(receive));
    }

    private static TestClient client(Application app, String address) {
        return TestClient.builder(app).clientAddress(Endpoint.of(address, 40000)).raiseAppExceptions(false).build();
    }

    @Test
    void aHandshakeOverTheLimitIsDenied429AndTheApplicationIsNotCalled() {
        WebSocketConnectionLimit limit = WebSocketConnectionLimit.builder().maxPerKey(2).build();
        TestClient client = client(limit.wrap(holding), "10.0.0.1");
        WebSocketSession a = client.websocket("/ws").connect();
        WebSocketSession b = client.websocket("/ws").connect();
        var denied = assertInstanceOf(WebSocketHandshake.Denied.class, client.websocket("/ws").tryConnect());
        assertEquals(429, denied.status());
        assertTrue(denied.body().toString().contains("Too many open WebSocket connections"), denied.body().toString());
        assertEquals(2, mostRunning.get(), "the refused handshake never reached the application");
        assertEquals(2, limit.openSessions("10.0.0.1"));
        a.close();
        assertEquals(1, limit.openSessions());
        client.websocket("/ws").connect().close();
        b.close();
        assertEquals(0, limit.openSessions());
        assertEquals(0, limit.trackedKeys());
    }

    @Test
    void withoutTheDenialExtensionTheRefusalIsAClose1008BeforeAccept() {
        WebSocketConnectionLimit limit = WebSocketConnectionLimit.builder().maxPerKey(1).build();
        TestClient client = TestClient.builder(limit.wrap(holding)).extensions(Extensions.none()).build();
        WebSocketSession open = client.websocket("/ws").connect();
        var denied = assertInstanceOf(WebSocketHandshake.Denied.class, client.websocket("/ws").tryConnect());
        assertEquals(WebSocketHandshake.Denied.FORBIDDEN, denied.status());
        assertEquals(1008, denied.close().orElseThrow().code());
        open.close();
    }

    @Test
    void defaultsAndOptionsAreCheckedNamingTheOption() {
        var config = WebSocketConnectionLimit.builder().build().config();
        assertEquals(10, config.maxPerKey());
        assertEquals(Integer.MAX_VALUE, config.maxTotal());
        assertEquals(10_000, config.maxKeys());
        assertMessage("maxPerKey", () -> WebSocketConnectionLimit.builder().maxPerKey(0).build());
        assertMessage("maxTotal", () -> WebSocketConnectionLimit.builder().maxPerKey(5).maxTotal(4).build());
        assertMessage("maxKeys", () -> WebSocketConnectionLimit.builder().maxKeys(0).build());
    }

    private static void assertMessage(String option, Runnable build) {
        var e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().startsWith(option + ":"), e.getMessage());
    }

    @Test
    void theDefaultLimitIsTenPerClientAddress() {
        WebSocketConnectionLimit limit = WebSocketConnectionLimit.builder().build();
        TestClient client = client(limit.wrap(holding), "10.0.0.1");
        List<WebSocketSession> sessions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sessions.add(client.websocket("/ws").connect());
        }
        assertEquals(429, assertInstanceOf(WebSocketHandshake.Denied.class,
                client.websocket("/ws").tryConnect()).status());
        sessions.forEach(WebSocketSession::close);
    }

    @Test
    void keysAreIndependent() {
        WebSocketConnectionLimit limit = WebSocketConnectionLimit.builder().maxPerKey(1).build();
        Application app = limit.wrap(holding);
        WebSocketSession first = client(app, "10.0.0.1").websocket("/ws").connect();
        WebSocketSession second = client(app, "10.0.0.2").websocket("/ws").connect();
        assertEquals(429, assertInstanceOf(WebSocketHandshake.Denied.class,
                client(app, "10.0.0.1").websocket("/ws").tryConnect()).status());
        assertEquals(2, limit.trackedKeys());
        first.close();
        second.close();
    }

    @Test
    void theKeyFunctionDecidesAndNullExempts() {
        WebSocketConnectionLimit limit = WebSocketConnectionLimit.builder().maxPerKey(1)
                .key(scope -> scope.headers().first("x-user").orElse(null)).build();
        TestClient client = client(limit.wrap(holding), "10.0.0.1");
        WebSocketSession alice = client.websocket("/ws").header("x-user", "alice").connect();
        WebSocketSession bob = client.websocket("/ws").header("x-user", "bob").connect();
        assertEquals(429, assertInstanceOf(WebSocketHandshake.Denied.class,
                client.websocket("/ws").header("x-user", "alice").tryConnect()).status());
        WebSocketSession anonymous1 = client.websocket("/ws").connect();
        WebSocketSession anonymous2 = client.websocket("/ws").connect();
        assertEquals(2, limit.openSessions(), "exempt sessions are not counted");
        List.of(alice, bob, anonymous1, anonymous2).forEach(WebSocketSession::close);
        assertEquals(0, limit.trackedKeys());
    }

    @Test
    void theTotalCapAndTheKeyTableBoundRefuseNewKeys() {
        WebSocketConnectionLimit total = WebSocketConnectionLimit.builder().maxPerKey(2).maxTotal(3).build();
        Application app = total.wrap(holding);
        List<WebSocketSession> open = new ArrayList<>(List.of(client(app, "10.0.0.1").websocket("/").connect(),
                client(app, "10.0.0.1").websocket("/").connect(), client(app, "10.0.0.2").websocket("/").connect()));
        assertEquals(429, assertInstanceOf(WebSocketHandshake.Denied.class,
                client(app, "10.0.0.3").websocket("/ws").tryConnect()).status());
        open.forEach(WebSocketSession::close);

        WebSocketConnectionLimit keys = WebSocketConnectionLimit.builder().maxKeys(2).build();
        Application app2 = keys.wrap(holding);
        WebSocketSession a = client(app2, "10.0.0.1").websocket("/").connect();
        WebSocketSession b = client(app2, "10.0.0.2").websocket("/").connect();
        var refused = assertInstanceOf(WebSocketHandshake.Denied.class, client(app2, "10.0.0.3").websocket("/ws").tryConnect());
        assertEquals(429, refused.status());
        assertTrue(refused.body().toString().contains("Too many clients"), refused.body().toString());
        WebSocketSession again = client(app2, "10.0.0.1").websocket("/").connect();
        assertEquals(2, keys.trackedKeys(), "a known key may still open sessions");
        a.close();
        again.close();
        client(app2, "10.0.0.3").websocket("/").connect().close();
        b.close();
        assertEquals(0, keys.trackedKeys());
    }

    /** Each way a session can end, one per cycle. */
    private enum Ending { APP_CLOSES, APP_THROWS, APP_FAILS, CLIENT_CLOSES, CLIENT_DROPS, APP_DENIES, NO_ANSWER }

    @Test
    void everyEndingReleasesTheSlotExactlyOnceOverAThousandCycles() {
        WebSocketConnectionLimit limit = WebSocketConnectionLimit.builder().maxPerKey(1).maxTotal(1).build();
        AtomicInteger cycle = new AtomicInteger();
        Application byEnding = (scope, receive, send) -> {
            Ending ending = Ending.valueOf(((RequestScope) scope).headers().first("x-ending").orElseThrow());
            return switch (ending) {
                case APP_CLOSES -> receive.receive().thenCompose(c -> send.send(new WebSocketAccept()))
                        .thenCompose(v -> send.send(new WebSocketClose(1000, "")));
                case APP_THROWS -> throw new IllegalStateException("thrown before the handshake");
                case APP_FAILS -> receive.receive().thenCompose(c -> send.send(new WebSocketAccept()))
                        .thenCompose(v -> CompletableFuture.failedFuture(new IllegalStateException("failed")));
                case CLIENT_CLOSES, CLIENT_DROPS -> holding.call(scope, receive, send);
                case APP_DENIES -> send.send(new WebSocketHttpResponseStart(403, Headers.empty()))
                        .thenCompose(v -> send.send(new WebSocketHttpResponseBody(Bytes.utf8("no"), false)));
                case NO_ANSWER -> CompletableFuture.completedFuture(null);
            };
        };
        TestClient client = client(limit.wrap(byEnding), "10.0.0.9");
        for (int i = 0; i < 1_000; i++) {
            Ending ending = Ending.values()[i % Ending.values().length];
            WebSocketHandshake h = client.websocket("/ws").header("x-ending", ending.name()).tryConnect();
            switch (ending) {
                case CLIENT_CLOSES -> assertInstanceOf(WebSocketHandshake.Accepted.class, h).session().close();
                case CLIENT_DROPS -> assertInstanceOf(WebSocketHandshake.Accepted.class, h).session().disconnect();
                case APP_CLOSES, APP_FAILS -> {
                    WebSocketSession s = assertInstanceOf(WebSocketHandshake.Accepted.class, h).session();
                    s.close();   // waits for the application to return
                }
                default -> assertTrue(assertInstanceOf(WebSocketHandshake.Denied.class, h).status() != 429,
                        ending + " in cycle " + i + " was refused by the limit: a slot leaked");
            }
            assertEquals(0, limit.openSessions(), ending + " in cycle " + i);
            cycle.incrementAndGet();
        }
        assertEquals(1_000, cycle.get());
        assertEquals(0, limit.trackedKeys());
        client.websocket("/ws").header("x-ending", "CLIENT_CLOSES").connect().close();
    }

    @Test
    void aDisconnectReleasesTheSlotEvenWhileTheApplicationGoesOnWorking() {
        WebSocketConnectionLimit limit = WebSocketConnectionLimit.builder().maxPerKey(1).build();
        CompletableFuture<Void> stillWorking = new CompletableFuture<>();
        CompletableFuture<Void> sawDisconnect = new CompletableFuture<>();
        Application lingering = (scope, receive, send) -> receive.receive()
                .thenCompose(c -> send.send(new WebSocketAccept()))
                .thenCompose(v -> untilDisconnect(receive))
                .thenCompose(v -> {
                    sawDisconnect.complete(null);
                    return stillWorking;
                });
        Application app = limit.wrap(lingering);
        CompletableFuture<Void> ran = CompletableFuture.runAsync(() ->
                client(app, "10.0.0.1").websocket("/ws").connect().disconnect());
        sawDisconnect.join();
        assertEquals(0, limit.openSessions(), "released when the disconnect reached the application");
        stillWorking.complete(null);
        ran.join();
        assertEquals(0, limit.openSessions(), "and not released a second time when it returned");
    }

    @Test
    void racingVirtualThreadsNeverExceedTheLimit() throws Exception {
        int limitPerKey = 5;
        int racers = 200;
        WebSocketConnectionLimit limit = WebSocketConnectionLimit.builder().maxPerKey(limitPerKey).build();
        Application app = limit.wrap(holding);
        List<Future<WebSocketHandshake>> attempts = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < racers; i++) {
                attempts.add(threads.submit(() -> client(app, "10.0.0.1").websocket("/ws").tryConnect()));
            }
        }
        List<WebSocketSession> accepted = new ArrayList<>();
        int refused = 0;
        for (Future<WebSocketHandshake> attempt : attempts) {
            switch (attempt.get()) {
                case WebSocketHandshake.Accepted a -> accepted.add(a.session());
                case WebSocketHandshake.Denied d -> {
                    assertEquals(429, d.status());
                    refused++;
                }
            }
        }
        assertEquals(limitPerKey, accepted.size(), "every slot was taken, none twice");
        assertEquals(racers - limitPerKey, refused);
        assertTrue(mostRunning.get() <= limitPerKey, "at most " + limitPerKey + " ran at once: " + mostRunning);
        accepted.forEach(WebSocketSession::close);
        assertEquals(0, limit.openSessions());
        assertEquals(0, limit.trackedKeys());
    }

    @Test
    void httpSseAndLifespanPassThroughUntouched() {
        PassThrough.untouched(WebSocketConnectionLimit.builder().maxPerKey(1).build(),
                PassThrough.Kind.HTTP, PassThrough.Kind.SSE, PassThrough.Kind.LIFESPAN);
    }
}
