package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.SseStream;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketHandshake;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

@Timeout(30)
class CascadeTest {

    /** Wraps {@code app} so every event that would reach the client is recorded. */
    private static Application recorded(Application app, List<Event> events) {
        return (scope, receive, send) -> app.call(scope, receive, e -> {
            events.add(e);
            return send.send(e);
        });
    }

    /** An app that answers {@code status} with a body of three chunks. */
    private static Application chunked(int status, String label) {
        return (scope, receive, send) -> send.send(new HttpResponseStart(status, Headers.of("content-type", "text/plain")))
                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8(label + "-1"))))
                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8(label + "-2"))))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(label + "-3"))));
    }

    /** An app that answers 200, sends {@code first}, waits for {@code release}, then ends with {@code last}. */
    static Application heldOpen(String first, CompletableFuture<Void> release, String last) {
        return (scope, receive, send) -> send.send(new HttpResponseStart(200, Headers.empty()))
                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8(first))))
                .thenCompose(v -> release)
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(last))));
    }

    @Test
    void theFirstAnswerOutsideTheCatchSetWinsAndPassedOverResponsesNeverReachTheClient() {
        List<Event> events = new CopyOnWriteArrayList<>();
        Application cascade = Cascade.of(chunked(404, "missing"), chunked(405, "wrong-method"), chunked(200, "found"),
                chunked(200, "never"));
        var response = TestClient.of(recorded(cascade, events)).get("/x").send();
        assertEquals(200, response.status());
        assertEquals("found-1found-2found-3", response.text());
        assertEquals(4, events.size(), "one start and three chunks, all from the app that answered: " + events);
        assertEquals(200, assertInstanceOf(HttpResponseStart.class, events.getFirst()).status());
    }

    @Test
    void whenEveryAppIsPassedOverTheLastOnesAnswerIsSentAsItIs() {
        var response = TestClient.of(Cascade.of(chunked(404, "a"), chunked(404, "b"))).get("/").send();
        assertEquals(404, response.status());
        assertEquals("b-1b-2b-3", response.text());
    }

    @Test
    void theCatchSetIsConfigurable() {
        Cascade onlyUnavailable = Cascade.builder().catchStatuses(Set.of(503))
                .add(Echo.status(503, "down")).add(Echo.status(404, "missing")).add(Echo.status(200, "ok")).build();
        var response = TestClient.of(onlyUnavailable).get("/").send();
        assertEquals(404, response.status(), "404 is not caught here, so it is the answer");
        assertEquals("missing", response.text());
        assertEquals(Set.of(404, 405), Cascade.of(Echo.status(200, "x")).catchStatuses());
    }

    @Test
    void theLastAppsResponseStreamsWhileItIsProduced() {
        CompletableFuture<Void> release = new CompletableFuture<>();
        Application streaming = heldOpen("first", release, "second");
        try (StreamingResponse response = TestClient.of(Cascade.of(chunked(404, "no"), streaming)).get("/").stream()) {
            assertEquals(200, response.status());
            assertEquals("first", response.nextChunk(Duration.ofSeconds(5)).orElseThrow().utf8(),
                    "the first chunk arrives before the app has finished");
            assertFalse(response.isComplete());
            release.complete(null);
            assertEquals("firstsecond", response.readAll().text());
        }
    }

    @Test
    void anEarlierAppThatAnswersStreamsStraightThroughToo() {
        CompletableFuture<Void> release = new CompletableFuture<>();
        Application streaming = heldOpen("early", release, "-done");
        try (StreamingResponse response = TestClient.of(Cascade.of(streaming, chunked(200, "never"))).get("/")
                .stream()) {
            assertEquals("early", response.nextChunk(Duration.ofSeconds(5)).orElseThrow().utf8());
            release.complete(null);
            assertEquals("early-done", response.readAll().text());
        }
    }

    @Test
    void theRequestBodyIsReplayedForEveryTry() {
        Application peek = (scope, receive, send) -> Request.of((HttpScope) scope, receive).text()
                .thenCompose(body -> Response.text("not " + body).withStatus(404).respond(scope, send));
        Application use = (scope, receive, send) -> Request.of((HttpScope) scope, receive).text()
                .thenCompose(body -> Response.text("got " + body).respond(scope, send));
        var response = TestClient.of(Cascade.of(peek, peek, use)).post("/")
                .bodyChunks(List.of(Bytes.utf8("hel"), Bytes.utf8("lo"))).send();
        assertEquals(200, response.status());
        assertEquals("got hello", response.text());
    }

    @Test
    void headIsCascadedAndAnsweredWithoutABody() {
        Router first = Router.builder().get("/a", Echo.of("first")).build();
        Router second = Router.builder().get("/b", Echo.of("second")).build();
        TestClient client = TestClient.of(Cascade.of(first, second));
        var head = client.head("/b").send();
        assertEquals(200, head.status());
        assertEquals("", head.text());
        assertEquals(Integer.toString("second|/b|".length()), head.header("content-length").orElseThrow());
        assertEquals("first|/a|", client.get("/a").send().text());
        assertEquals(404, client.head("/c").send().status());
    }

    @Test
    void aRouters405IsPassedOverToo() {
        Router postOnly = Router.builder().post("/item", Echo.of("post")).build();
        Router getToo = Router.builder().get("/item", Echo.of("get")).build();
        assertEquals("get|/item|", TestClient.of(Cascade.of(postOnly, getToo)).get("/item").send().text());
    }

    @Test
    void websocketAndSseMissesCascadeAndTheLastMissIsTheAnswer() {
        Router a = Router.builder().websocket("/a", Echo.of("ws-a")).sse("/a", Echo.of("sse-a")).build();
        Router b = Router.builder().websocket("/b", Echo.of("ws-b")).sse("/b", Echo.of("sse-b")).build();
        TestClient client = TestClient.of(Cascade.of(a, b));
        try (WebSocketSession ws = client.websocket("/b").connect()) {
            assertEquals("ws-b|/b|", ws.receiveText());
        }
        try (WebSocketSession ws = client.websocket("/a").connect()) {
            assertEquals("ws-a|/a|", ws.receiveText());
        }
        assertEquals(404, assertInstanceOf(WebSocketHandshake.Denied.class,
                client.websocket("/c").tryConnect()).status());
        try (SseStream events = client.sse("/b").open()) {
            assertEquals("sse-b|/b|", events.next().data());
        }
        try (SseStream events = client.sse("/c").open()) {
            assertTrue(events.declined());
            assertEquals(404, events.status());
        }
    }

    @Test
    void aFailureBeforeTheResponseEndsTheCascadeButAPassedOverFailureDoesNot() {
        Application broken = (scope, receive, send) -> {
            throw new IllegalStateException("broken app");
        };
        Application notFoundThenBroken = (scope, receive, send) -> Response.status(404).respond(scope, send)
                .thenCompose(v -> CompletableFuture.failedFuture(new IllegalStateException("after the answer")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestClient.of(Cascade.of(broken, Echo.status(200, "ok"))).get("/").send());
        assertEquals("broken app", e.getMessage());
        assertEquals("ok", TestClient.of(Cascade.of(notFoundThenBroken, Echo.status(200, "ok"))).get("/").send().text());
    }

    @Test
    void theLifespanIsDeclined() {
        LifespanSession lifespan = TestClient.of(Cascade.of(Echo.status(200, "x"))).lifespan();
        lifespan.startup();
        assertFalse(lifespan.supported());
    }

    @Test
    void theBuilderRefusesBadOptionsByName() {
        URLMapTest.assertMessage("catchStatuses: name at least one",
                () -> Cascade.builder().catchStatuses(Set.of()));
        URLMapTest.assertMessage("catchStatuses: a status is 200-599, got 101",
                () -> Cascade.builder().catchStatuses(Set.of(404, 101)));
        URLMapTest.assertMessage("catchStatuses: a status is 200-599, got 600",
                () -> Cascade.builder().catchStatuses(Set.of(600)));
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> Cascade.builder().build());
        assertTrue(none.getMessage().startsWith("apps:"), none.getMessage());
    }
}
