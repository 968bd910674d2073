package org.pagi.examples.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketSession;

/** One instance, everything in memory, through the test client: the routes, the instance header, the limit. */
@Timeout(30)
class ScaleOutAppTest {
    private final App app = new App(Map.of("PAGI_INSTANCE", "solo", "PAGI_RATE_BURST", "2"));
    private final TestClient client = TestClient.of(app);

    @Test
    void everyAnswerNamesTheInstance() {
        TestResponse who = client.get("/whoami").send();
        assertEquals("solo", who.text());
        assertEquals("solo", who.header("x-instance").orElseThrow());
        assertEquals("solo", client.get("/nowhere").send().header("x-instance").orElseThrow(), "a 404 too");
        try (WebSocketSession ws = client.websocket("/chat").connect()) {
            assertEquals("solo", ws.acceptHeaders().first("x-instance").orElseThrow());
            assertEquals("welcome", ws.receiveJson().get("type").asText());
        }
    }

    @Test
    void aLoginLastsUntilTheLogout() {
        assertEquals(401, client.get("/me").send().status());
        assertEquals(400, client.post("/login").send().status(), "a user name is required");
        assertEquals("logged in as alice", client.post("/login").query("user", "alice").send().text());
        assertEquals("alice", client.get("/me").send().text(), "the client's cookie jar carries the session");
        assertEquals(200, client.post("/logout").send().status());
        assertEquals(401, client.get("/me").send().status());
    }

    @Test
    void theLimitedRouteRefusesTheRequestOverTheBurst() {
        assertEquals(200, client.get("/api/limited").send().status());
        assertEquals(200, client.get("/api/limited").send().status());
        TestResponse refused = client.get("/api/limited").send();
        assertEquals(429, refused.status());
        assertTrue(refused.header("retry-after").isPresent());
        assertEquals(200, client.get("/whoami").send().status(), "the other routes are not limited");
    }

    @Test
    void aPublishedEventReachesTheFeedWithAnIdToResumeFrom() {
        try (SseStream feed = client.sse("/events").open()) {
            TestResponse published = client.post("/events").text("hello").send();
            assertEquals(202, published.status());
            SseMessage event = feed.next();
            assertEquals("hello", event.data());
            assertEquals(App.TOPIC, event.event());
            assertEquals(published.json().get("id").asText(), event.id().orElseThrow());
        }
    }

    @Test
    void badSettingsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new App(Map.of("PAGI_RATE_BURST", "many")));
        assertTrue(e.getMessage().startsWith("PAGI_RATE_BURST"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new App(Map.of("PAGI_RATE_BURST", "0")));
        assertTrue(e.getMessage().startsWith("PAGI_RATE_BURST"), e.getMessage());
    }
}
