package org.pagi.examples.endpointdemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.Await;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.examples.support.ExampleSessionChecks;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.ExampleSseStream;
import org.pagi.examples.support.ExampleWebSocket;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.testing.SseMessage;
import org.pagi.wrappers.json.Json;

/** What a client of the endpoint-demo sees, over any transport: the API, the echo and the event stream. */
abstract class EndpointDemoChecks extends ExampleSessionChecks {
    static final String FIRST_TWO =
            "[{\"id\":1,\"text\":\"Hello, World!\"},{\"id\":2,\"text\":\"Welcome to PAGI Endpoints\"}]";

    static ExampleRequest postJson(String json) {
        return ExampleRequest.post("/api/messages", Bytes.utf8(json)).withHeader("content-type", "application/json");
    }

    static Object json(String text) {
        return Json.decode(Bytes.utf8(text), Object.class);
    }

    private ExampleClient http(App app) {
        return (ExampleClient) serve(app); // both transports serve requests as well as sessions
    }

    @Test
    void servesThePageWithNothingFromElsewhere() {
        ExampleResponse page = http(new App()).send(ExampleRequest.get("/"));
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.header("content-type").orElseThrow());
        String html = page.text();
        assertTrue(html.contains("<title>PAGI Endpoint Demo</title>"), html);
        for (String reference : List.of("src=", "href=", "http:", "https:", "@import", "url(")) {
            assertFalse(html.contains(reference), "the page refers to something elsewhere: " + reference);
        }
    }

    @Test
    void anyOtherPathIsTheStaticFolders404() {
        ExampleClient client = http(new App());
        assertEquals(200, client.send(ExampleRequest.get("/index.html")).status());
        assertEquals(404, client.send(ExampleRequest.get("/missing.js")).status());
    }

    @Test
    void listsUpstreamsTwoMessages() {
        ExampleResponse list = http(new App()).send(ExampleRequest.get("/api/messages"));
        assertEquals(200, list.status());
        assertEquals("application/json", list.header("content-type").orElseThrow().split(";")[0]);
        assertEquals(FIRST_TWO, list.text());
    }

    @Test
    void aPostedMessageIsCreatedWithTheNextIdAndListed() {
        ExampleClient client = http(new App());
        ExampleResponse created = client.send(postJson("{\"text\":\"third\"}"));
        assertEquals(201, created.status());
        assertEquals("{\"id\":3,\"text\":\"third\"}", created.text());
        assertEquals(FIRST_TWO.replace("]", ",{\"id\":3,\"text\":\"third\"}]"),
                client.send(ExampleRequest.get("/api/messages")).text());
    }

    @Test
    void aPostThatIsNotJsonIsRefusedWith415ByTheMiddleware() {
        ExampleClient client = http(new App());
        ExampleResponse refused = client.send(ExampleRequest.post("/api/messages", Bytes.utf8("text=hi"))
                .withHeader("content-type", "application/x-www-form-urlencoded"));
        assertEquals(415, refused.status());
        assertEquals(Map.of("error", "Content-Type must be application/json"), json(refused.text()));
        assertEquals(FIRST_TWO, client.send(ExampleRequest.get("/api/messages")).text(), "nothing was added");
    }

    @Test
    void malformedJsonIsA400AndAddsNothing() {
        ExampleClient client = http(new App());
        assertEquals(400, client.send(postJson("{\"text\":")).status());
        assertEquals(FIRST_TWO, client.send(ExampleRequest.get("/api/messages")).text());
    }

    @Test
    void otherMethodsAre405WithTheDeclaredOnesAllowed() {
        ExampleResponse refused = http(new App()).send(new ExampleRequest("DELETE", "/api/messages",
                org.pagi.spec.Headers.empty(), List.of()));
        assertEquals(405, refused.status());
        assertEquals("GET, HEAD, OPTIONS, POST", refused.header("allow").orElseThrow());
    }

    @Test
    void theEchoGreetsThenEchoesEachJsonMessageWithATimestamp() {
        try (ExampleWebSocket ws = serve(new App()).websocket("/ws/echo")) {
            assertEquals(Map.of("type", "connected", "message", "Welcome!"), received(ws));
            double before = System.currentTimeMillis() / 1000.0;
            ws.sendText("{\"message\":\"hello\"}");
            String text = ws.receive().asText().orElseThrow();
            Map<?, ?> echo = assertInstanceOf(Map.class, json(text));
            assertEquals("echo", echo.get("type"));
            assertEquals(Map.of("message", "hello"), echo.get("original"));
            double at = ((Number) echo.get("timestamp")).doubleValue();
            assertTrue(at >= before - 1 && at <= System.currentTimeMillis() / 1000.0 + 1, "seconds, now: " + at);
            assertEquals(List.of("type", "original", "timestamp"), List.copyOf(echo.keySet()));
            assertTrue(text.matches(".*\"timestamp\":\\d{10}(\\.\\d{1,3})?}"), "seconds, written plain: " + text);
        }
    }

    @Test
    void eachStreamIsGreetedWithItsSubscriberNumberThenGetsEveryPostedMessage() {
        App app = new App();
        ExampleSessionClient client = serve(app);
        try (ExampleSseStream first = client.sse(ExampleRequest.get("/events"));
                ExampleSseStream second = client.sse(ExampleRequest.get("/events"))) {
            assertEquals(SseMessage.of("connected", "{\"subscriber_id\":1}"), first.next());
            assertEquals(SseMessage.of("connected", "{\"subscriber_id\":2}"), second.next());
            assertEquals(2, app.subscribers());
            assertEquals(201, ((ExampleClient) client).send(postJson("{\"text\":\"news\"}")).status());
            SseMessage news = SseMessage.of("{\"id\":3,\"text\":\"news\"}");
            assertEquals(news, first.next());
            assertEquals(news, second.next());
        }
    }

    @Test
    void theApiAndTheEchoAreAccessLoggedTheStreamIsNot() {
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        App app = new App(lines::add);
        ExampleSessionClient client = serve(app);
        assertEquals(200, ((ExampleClient) client).send(ExampleRequest.get("/api/messages")).status());
        Await.until(() -> lines.stream().anyMatch(l -> l.matches("\\S+ GET /api/messages 200 \\d+B \\d+\\.\\dms")),
                "the API's GET logged in the compact format", lines);
        assertEquals(415, ((ExampleClient) client).send(ExampleRequest.post("/api/messages", Bytes.utf8("x"))).status());
        Await.until(() -> lines.stream().anyMatch(l -> l.contains(" POST /api/messages 415 ")),
                "the middleware's 415 logged, the access log being outside it", lines);
        try (ExampleWebSocket ws = client.websocket("/ws/echo")) {
            received(ws);
        }
        Await.until(() -> lines.stream().anyMatch(l -> l.contains(" GET /ws/echo 101 ")),
                "the echo logged when its session ends", lines);
        try (ExampleSseStream events = client.sse(ExampleRequest.get("/events"))) {
            events.next();
        }
        Await.until(() -> app.subscribers() == 0, "the stream ended", lines);
        assertTrue(lines.stream().noneMatch(l -> l.contains("/events")), "upstream logs no stream: " + lines);
        assertEquals(3, lines.size(), String.join("\n", lines));
    }

    static Object received(ExampleWebSocket ws) {
        WebSocketMessage message = ws.receive();
        return json(message.asText().orElseThrow(() -> new AssertionError("expected text, got " + message)));
    }
}
