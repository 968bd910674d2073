package org.pagi.examples.backgroundtasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.Await;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.examples.support.ExampleSessionChecks;
import org.pagi.examples.support.ExampleWebSocket;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.wrappers.json.Json;

/**
 * What a client of background-tasks sees, over any transport, and what the tasks do after. The simulated work
 * waits on a gate the check opens ({@link #finishWork()}), so each check sees the response arrive while its tasks
 * are still in the middle of their work.
 */
abstract class BackgroundTasksChecks extends ExampleSessionChecks {
    final List<String> log = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> gate = new CompletableFuture<>();
    final App app = new App(log::add, length -> gate);

    /** Both clients serve plain requests as well as sessions. */
    ExampleClient http() {
        return (ExampleClient) serve(app);
    }

    void finishWork() {
        gate.complete(null);
    }

    void awaitLogged(String... lines) {
        Await.until(() -> log.containsAll(List.of(lines)), "logged " + List.of(lines), log);
    }

    private long count(String line) {
        return log.stream().filter(line::equals).count();
    }

    static Object json(ExampleResponse response) {
        assertEquals("application/json", response.header("content-type").orElseThrow());
        return Json.decode(response.body(), Object.class);
    }

    @Test
    void theIndexIsThePageWithTheLinksAndTheForm() {
        ExampleResponse page = http().send(ExampleRequest.get("/"));
        assertEquals(200, page.status());
        assertTrue(page.header("content-type").orElseThrow().startsWith("text/html"));
        assertTrue(page.text().contains("<h1>Background Tasks Demo</h1>"));
        assertTrue(page.text().contains("<form id=\"signup\">"));
    }

    @Test
    void asyncAnswersAtOnceAndItsTasksFinishAfter() {
        ExampleResponse response = http().send(ExampleRequest.get("/async"));
        assertEquals(200, response.status());
        assertEquals(Map.of("status", "ok", "message", "Response sent! Async tasks running in background."),
                json(response));

        awaitLogged("[async] Sending welcome email to user@example.com...", "[async] Logging 'page_view' to analytics...",
                "[sync] Quick task: Logging request");
        assertFalse(log.contains("[async] Email sent to user@example.com!"), "the work is still paused");
        finishWork();
        awaitLogged("[async] Email sent to user@example.com!", "[async] Analytics logged!");
    }

    @Test
    void blockingAnswersWhileEachCpuTaskBlocksItsOwnThread() {
        ExampleResponse response = http().send(ExampleRequest.get("/blocking"));
        assertEquals(200, response.status());
        assertEquals(Map.of("status", "ok", "message", "Response sent! Heavy computation running on virtual threads."),
                json(response));

        // both started: they run side by side, not one after the other
        awaitLogged("[worker] Starting CPU task: heavy_computation", "[worker] Starting CPU task: image_processing");
        assertEquals(2, log.size(), "neither has completed: " + log);
        finishWork();
        awaitLogged("[worker] Completed: heavy_computation", "[main] Worker returned: Result of heavy_computation",
                "[worker] Completed: image_processing", "[main] Worker returned: Result of image_processing");
    }

    @Test
    void signupIsCreatedBeforeTheWelcomeEmailGoes() {
        ExampleResponse response = http().send(ExampleRequest.post("/signup",
                Bytes.utf8("{\"email\":\"test@example.com\"}")).withHeader("content-type", "application/json"));
        assertEquals(201, response.status());
        assertEquals(Map.of("status", "created", "message", "Account created! Check test@example.com for welcome email."),
                json(response));

        awaitLogged("[async] Sending welcome email to test@example.com...", "[async] Logging 'signup' to analytics...",
                "[sync] Quick task: New signup: test@example.com");
        finishWork();
        awaitLogged("[async] Email sent to test@example.com!", "[async] Analytics logged!");
    }

    @Test
    void signupTakesJsonSentAsAFormAsUpstreamsCurlLineDoes() {
        ExampleResponse response = http().send(ExampleRequest.post("/signup", Bytes.utf8("{\"email\":\"a@b.c\"}"))
                .withHeader("content-type", "application/x-www-form-urlencoded"));
        assertEquals(201, response.status());
        awaitLogged("[sync] Quick task: New signup: a@b.c");
    }

    @Test
    void signupWithoutAnEmailUsesUpstreamsDefault() {
        ExampleResponse response = http().send(ExampleRequest.post("/signup", Bytes.utf8("{}")));
        assertEquals(201, response.status());
        assertEquals("Account created! Check unknown@example.com for welcome email.",
                ((Map<?, ?>) json(response)).get("message"));
    }

    @Test
    void signupThatIsNotJsonIs400AndSchedulesNothing() {
        ExampleClient client = http();
        ExampleResponse refused = client.send(ExampleRequest.post("/signup", Bytes.utf8("email=x")));
        assertEquals(400, refused.status());
        assertTrue(((Map<?, ?>) json(refused)).get("error").toString().startsWith("body is not JSON"));
        // a later request's tasks are the first ones logged
        assertEquals(200, client.send(ExampleRequest.get("/async")).status());
        awaitLogged("[sync] Quick task: Logging request");
        assertTrue(log.stream().noneMatch(line -> line.contains("signup")), log.toString());
    }

    @Test
    void theWebSocketAnswersEachMessageWhileItsAnalyticsCallIsStillPaused() {
        try (ExampleWebSocket ws = serve(app).websocket("/ws")) {
            assertEquals(WebSocketMessage.text("Connected! Send a message."), ws.receive());
            ws.sendText("hello");
            assertEquals(WebSocketMessage.text("Got: hello"), ws.receive());
            ws.sendText("again");
            assertEquals(WebSocketMessage.text("Got: again"), ws.receive(), "not held back by the paused analytics");
            Await.until(() -> count("[async] Logging 'ws_message' to analytics...") == 2, "both calls started", log);
            assertEquals(0, count("[async] Analytics logged!"), "the answers came while both calls were paused");
            finishWork();
            Await.until(() -> count("[async] Analytics logged!") == 2, "both analytics calls finished", log);
        }
    }
}
