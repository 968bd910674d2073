package org.pagi.examples.endpointrouterdemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.examples.support.ExampleSessionChecks;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.ExampleSseStream;
import org.pagi.examples.support.ExampleWebSocket;
import org.pagi.spec.Bytes;
import org.pagi.testing.SseMessage;
import org.pagi.wrappers.json.Json;

/**
 * What a client of the endpoint-router-demo sees, over any transport. The metrics stream ticks every
 * {@link #TICK}, so a check reads its events as they come rather than waiting for a clock.
 */
abstract class EndpointRouterDemoChecks extends ExampleSessionChecks {
    static final Duration TICK = Duration.ofMillis(50);
    static final String ALICE = "{\"id\":1,\"name\":\"Alice\",\"email\":\"alice@example.com\"}";
    static final String BOB = "{\"id\":2,\"name\":\"Bob\",\"email\":\"bob@example.com\"}";

    static ExampleRequest postJson(String path, String json) {
        return ExampleRequest.post(path, Bytes.utf8(json)).withHeader("content-type", "application/json");
    }

    static Object json(String text) {
        return Json.decode(Bytes.utf8(text), Object.class);
    }

    private ExampleSessionClient client;

    private ExampleClient http() {
        return (ExampleClient) sessions(); // both transports serve requests as well as sessions
    }

    private ExampleSessionClient sessions() {
        if (client == null) {
            client = serve(new App(TICK));
        }
        return client;
    }

    @Test
    void theHomePageIsRenderedFromTheStateTheLifespanSet() {
        ExampleResponse page = http().send(ExampleRequest.get("/"));
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.header("content-type").orElseThrow());
        String html = page.text();
        assertTrue(html.contains("<title>Endpoint Router Demo</title>"), html);
        assertTrue(html.contains("Version: 1.0.0 |"), html);
        for (String reference : List.of("src=", "http:", "https:", "@import", "url(")) {
            assertFalse(html.contains(reference), "the page refers to something elsewhere: " + reference);
        }
        Matcher links = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (links.find()) {
            assertTrue(links.group(1).startsWith("/api/"), "a link to this app's API only: " + links.group(1));
        }
    }

    @Test
    void anyOtherPathIsThePublicFolder() {
        ExampleResponse file = http().send(ExampleRequest.get("/index.html"));
        assertEquals(200, file.status());
        assertTrue(file.text().contains("<h1>Static file served!</h1>"), file.text());
        assertEquals(404, http().send(ExampleRequest.get("/nothing.css")).status());
    }

    @Test
    void theMountedApiAnswersInfoFromTheState() {
        ExampleResponse info = http().send(ExampleRequest.get("/api/info"));
        assertEquals(200, info.status());
        assertEquals(Map.of("app", "Endpoint Router Demo", "version", "1.0.0", "api", "v1"), json(info.text()));
    }

    @Test
    void listsFindsAndCreatesUsers() {
        assertEquals("[" + ALICE + "," + BOB + "]", http().send(ExampleRequest.get("/api/users")).text());
        assertEquals(BOB, http().send(ExampleRequest.get("/api/users/2")).text());
        ExampleResponse missing = http().send(ExampleRequest.get("/api/users/9"));
        assertEquals(404, missing.status());
        assertEquals(Map.of("error", "User not found"), json(missing.text()));
        assertEquals(404, http().send(ExampleRequest.get("/api/users/abc")).status(), "ids are numbers");

        ExampleResponse created = http().send(postJson("/api/users", "{\"name\":\"Cy\",\"email\":\"cy@example.com\"}"));
        assertEquals(201, created.status());
        String cy = "{\"id\":3,\"name\":\"Cy\",\"email\":\"cy@example.com\"}";
        assertEquals(cy, created.text());
        assertEquals(cy, http().send(ExampleRequest.get("/api/users/3")).text());
        assertEquals(400, http().send(postJson("/api/users", "{\"name\":")).status(), "malformed JSON");
        assertEquals(405, http().send(new ExampleRequest("DELETE", "/api/users", org.pagi.spec.Headers.empty(),
                List.of())).status());
    }

    @Test
    void theEchoGreetsThenEchoesJsonAsData() {
        try (ExampleWebSocket ws = sessions().websocket("/ws/echo")) {
            assertEquals("{\"type\":\"connected\"}", ws.receive().asText().orElseThrow());
            ws.sendText("{\"text\":\"hi\",\"timestamp\":1}");
            assertEquals("{\"type\":\"echo\",\"data\":{\"text\":\"hi\",\"timestamp\":1}}",
                    ws.receive().asText().orElseThrow());
        }
    }

    @Test
    void aFreshStreamIsGreetedThenGetsTheSharedMetricsEveryTick() {
        assertEquals(200, http().send(ExampleRequest.get("/api/info")).status());
        try (ExampleWebSocket ws = sessions().websocket("/ws/echo")) {
            ws.receive();
            ws.sendText("{\"text\":\"one\"}");
            ws.receive();
            try (ExampleSseStream stream = sessions().sse(ExampleRequest.get("/events/metrics"))) {
                assertEquals(SseMessage.of("connected", "{\"status\":\"ok\",\"message\":\"Fresh connection\"}")
                        .withId("0").withRetry(3000), stream.next());
                for (int seq = 1; seq <= 3; seq++) {
                    // one API call and one upgrade counted; one WebSocket open with one message
                    assertEquals(SseMessage.of("metrics", "{\"requests\":2,\"ws_active\":1,\"ws_messages\":1,"
                            + "\"sse_seq\":" + seq + "}").withId(Integer.toString(seq)), stream.next());
                }
            }
        }
    }

    @Test
    void aReconnectingStreamIsToldHowManyUpdatesItMissed() {
        try (ExampleSseStream stream = sessions().sse(ExampleRequest.get("/events/metrics"))) {
            assertEquals("connected", stream.next().event());
            for (int seq = 1; seq <= 3; seq++) {
                assertEquals(OptionalLong.empty(), stream.next().retry());
            }
        }
        try (ExampleSseStream stream = sessions().sse(ExampleRequest.get("/events/metrics")
                .withHeader("last-event-id", "1"))) {
            SseMessage hello = stream.next();
            assertEquals("reconnected", hello.event());
            assertEquals(OptionalLong.of(3000), hello.retry());
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) json(hello.data());
            long current = ((Number) data.get("current_id")).longValue();
            assertTrue(current >= 3, "the first stream got to 3 at least: " + data);
            assertEquals(Long.toString(current), hello.id().orElseThrow());
            assertEquals("1", data.get("last_seen_id"));
            assertEquals(current - 1, ((Number) data.get("missed")).longValue());
            assertEquals("Welcome back! You missed " + (current - 1) + " updates.", data.get("message"));
            SseMessage next = stream.next();
            assertEquals("metrics", next.event());
            assertTrue(Long.parseLong(next.id().orElseThrow()) > current, "ids go on: " + next);
        }
    }
}
