package org.pagi.examples.jobrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.examples.support.ExampleSessionChecks;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.ExampleSseStream;
import org.pagi.examples.support.ExampleWebSocket;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.testing.SseMessage;
import org.pagi.wrappers.json.Json;

/**
 * What a client of the job runner sees, over any transport: the page and its assets, the REST API, one job's
 * progress over SSE and the queue over the WebSocket. Jobs wait on {@link Steps}, so each check moves a job one
 * step at a time and no check waits on a clock.
 */
abstract class JobRunnerChecks extends ExampleSessionChecks {
    final Steps steps = new Steps();

    /** Both example clients serve plain requests and sessions alike. */
    final ExampleClient http(ExampleSessionClient client) {
        return (ExampleClient) client;
    }

    ExampleSessionClient runner() {
        return serve(App.builder().pause(steps).build());
    }

    static ExampleRequest postJson(String path, String json) {
        return ExampleRequest.post(path, Bytes.utf8(json)).withHeader("content-type", "application/json");
    }

    static ExampleRequest delete(String path) {
        return new ExampleRequest("DELETE", path, Headers.empty(), List.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String json) {
        return (Map<String, Object>) Json.decode(Bytes.utf8(json), Object.class);
    }

    static Object decode(String json) {
        return Json.decode(Bytes.utf8(json), Object.class);
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }

    /** Reads queue messages until one of {@code type}; @return it, after the types read before it in {@code seen} */
    static Map<String, Object> until(ExampleWebSocket ws, String type, List<String> seen) {
        while (true) {
            Map<String, Object> message = object(ws.receive().asText().orElseThrow());
            seen.add((String) message.get("type"));
            if (type.equals(message.get("type"))) {
                return message;
            }
        }
    }

    static Map<String, Object> until(ExampleWebSocket ws, String type) {
        return until(ws, type, new ArrayList<>());
    }

    static void assertJson(int status, String json, ExampleResponse response) {
        assertEquals(status, response.status(), response.text());
        assertEquals("application/json", response.header("content-type").orElseThrow().split(";")[0]);
        assertEquals(decode(json), decode(response.text()));
    }

    @Test
    void servesThePageAndItsAssetsFromTheExampleItself() {
        ExampleClient client = http(runner());
        ExampleResponse page = client.send(ExampleRequest.get("/"));
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.header("content-type").orElseThrow());
        assertTrue(page.text().contains("<h1>Job Runner</h1>"));
        assertEquals(page.text(), client.send(ExampleRequest.get("/index.html")).text());
        for (String asset : List.of("/css/style.css", "/js/app.js")) {
            ExampleResponse response = client.send(ExampleRequest.get(asset));
            assertEquals(200, response.status(), asset);
            assertFalse(response.text().contains("://"), asset + " refers to nothing elsewhere");
        }
        assertTrue(client.send(ExampleRequest.get("/css/style.css")).header("content-type").orElseThrow()
                .startsWith("text/css"));
        assertFalse(page.text().contains("://"), "the page refers to nothing elsewhere");
        assertJson(404, "{\"error\":\"Not found: /missing.txt\"}", client.send(ExampleRequest.get("/missing.txt")));
    }

    @Test
    void listsTheFourJobTypesWithTheirParameters() {
        ExampleResponse response = http(runner()).send(ExampleRequest.get("/api/job-types"));
        assertEquals(200, response.status());
        List<?> types = (List<?>) decode(response.text());
        assertEquals(List.of("countdown", "prime", "fibonacci", "echo"),
                types.stream().map(t -> ((Map<?, ?>) t).get("name")).toList());
        assertEquals(decode("""
                {"name":"countdown","description":"Count down from N seconds","params":[{"name":"seconds",
                "type":"integer","default":10,"min":1,"max":60,"description":"Number of seconds to count down"}]}"""),
                types.get(0));
    }

    @Test
    void createsAJobAndRefusesBadRequestsWithUpstreamsMessages() {
        ExampleClient client = http(runner());
        ExampleResponse created = client.send(postJson("/api/jobs",
                "{\"job_type\":\"countdown\",\"params\":{\"seconds\":\"2\"}}"));
        assertEquals(201, created.status(), created.text());
        Map<String, Object> job = object(created.text());
        assertEquals(1, number(job.get("id")));
        assertEquals("countdown", job.get("type"));
        assertEquals("pending", job.get("status"), "as created, as upstream answers");
        assertEquals(Map.of("seconds", 2), job.get("params"), "a digit string becomes a number");
        assertEquals(List.of("created_at", "id", "params", "status", "type"), job.keySet().stream().sorted().toList());
        assertTrue(created.text().matches(".*\"created_at\":\\d{10}\\.\\d{3}[,}].*"),
                "seconds with milliseconds, as upstream's time(): " + created.text());

        Map<String, String> refusals = Map.of(
                "not json", "Invalid JSON body",
                "[1]", "Invalid JSON body",
                "{}", "Missing 'job_type' field",
                "{\"job_type\":\"sleep\"}", "Unknown job type: sleep",
                "{\"job_type\":\"countdown\",\"params\":{\"seconds\":0}}", "Parameter 'seconds' must be at least 1",
                "{\"job_type\":\"countdown\",\"params\":{\"seconds\":61}}", "Parameter 'seconds' must be at most 60",
                "{\"job_type\":\"countdown\",\"params\":{\"seconds\":-3}}", "Parameter 'seconds' must be an integer",
                "{\"job_type\":\"countdown\",\"params\":{\"seconds\":1.5}}", "Parameter 'seconds' must be an integer",
                "{\"job_type\":\"echo\",\"params\":{\"message\":\"\"}}", "Parameter 'message' cannot be empty",
                "{\"job_type\":\"echo\",\"params\":{\"message\":\"" + "x".repeat(201) + "\"}}",
                "Parameter 'message' is too long (max 200)");
        refusals.forEach((body, error) -> assertJson(400, "{\"error\":\"" + error + "\"}",
                client.send(postJson("/api/jobs", body))));
        assertEquals(1, ((List<?>) decode(client.send(ExampleRequest.get("/api/jobs")).text())).size(),
                "no refused request made a job");
    }

    @Test
    void refusesAJobRequestPastItsSizeLimitWith413() {
        ExampleClient client = http(runner());
        String padding = " ".repeat((int) Api.MAX_BODY);
        ExampleResponse refused = client.send(postJson("/api/jobs", "{\"job_type\":\"echo\"}" + padding));
        assertEquals(413, refused.status(), refused.text());
        assertEquals(List.of(), decode(client.send(ExampleRequest.get("/api/jobs")).text()));
        assertEquals(201, client.send(postJson("/api/jobs", "{\"job_type\":\"echo\"}" + padding.substring(20)))
                .status(), "a body just under the limit is read");
    }

    @Test
    void refusesNewJobsWhenTheQueueKeepsItsMaximumUntilFinishedOnesAreCleared() {
        ExampleSessionClient client = serve(App.builder().pause(steps).maxJobs(2).build());
        String echo = "{\"job_type\":\"echo\",\"params\":{\"delay\":1}}";
        assertEquals(201, http(client).send(postJson("/api/jobs", echo)).status());
        assertEquals(201, http(client).send(postJson("/api/jobs", echo)).status());
        assertJson(503, "{\"error\":\"Queue is full (2 jobs); clear finished jobs first\"}",
                http(client).send(postJson("/api/jobs", echo)));
        try (ExampleWebSocket ws = client.websocket("/ws/queue")) {
            ws.sendText("{\"type\":\"create_job\",\"job_type\":\"echo\"}");
            assertEquals("Queue is full (2 jobs); clear finished jobs first", until(ws, "error").get("message"));
        }
        http(client).send(delete("/api/jobs/1"));
        assertJson(200, "{\"cleared\":1}", http(client).send(postJson("/api/jobs/clear-completed", "")));
        assertEquals(201, http(client).send(postJson("/api/jobs", echo)).status());
    }

    @Test
    void streamsOneJobsProgressToCompletionThenEndsTheStream() {
        ExampleSessionClient client = runner();
        http(client).send(postJson("/api/jobs", "{\"job_type\":\"countdown\",\"params\":{\"seconds\":2}}"));
        steps.awaitEntered(1); // the job said "2 seconds remaining..." and waits
        try (ExampleSseStream stream = client.sse(ExampleRequest.get("/api/jobs/1/progress"))) {
            assertEquals(200, stream.status());
            SseMessage status = stream.next();
            assertEquals("status", status.event());
            Map<String, Object> now = object(status.data());
            assertEquals("running", now.get("status"));
            assertEquals(Map.of("percent", 0, "message", "2 seconds remaining..."), now.get("progress"));

            steps.release(1);
            assertEquals(SseMessage.of("progress", "{\"percent\":50,\"message\":\"1 second remaining...\"}"),
                    stream.next());
            steps.release(1);
            assertEquals(SseMessage.of("progress", "{\"percent\":100,\"message\":\"Complete!\"}"), stream.next());
            SseMessage complete = stream.next();
            assertEquals("complete", complete.event());
            Map<String, Object> done = object(complete.data());
            assertEquals("completed", done.get("status"));
            assertEquals(Map.of("message", "Countdown complete!", "duration", 2), done.get("result"));
            stream.awaitEnd();
        }
        Map<String, Object> job = object(http(client).send(ExampleRequest.get("/api/jobs/1")).text());
        assertEquals("completed", job.get("status"));
        assertEquals(Map.of("percent", 100, "message", "Complete"), job.get("progress"));
    }

    @Test
    void aFinishedJobsStreamGivesItsStatusAndFinalEventAtOnce() {
        ExampleSessionClient client = runner();
        http(client).send(postJson("/api/jobs", "{\"job_type\":\"echo\",\"params\":{\"delay\":1}}"));
        steps.awaitEntered(1);
        assertJson(200, "{\"success\":true,\"job_id\":1}", http(client).send(delete("/api/jobs/1")));
        assertJson(400, "{\"error\":\"Cannot cancel job in status: cancelled\",\"job_id\":1}",
                http(client).send(delete("/api/jobs/1")));
        assertJson(404, "{\"error\":\"Job not found: 9\"}", http(client).send(delete("/api/jobs/9")));
        try (ExampleSseStream stream = client.sse(ExampleRequest.get("/api/jobs/1/progress"))) {
            assertEquals("cancelled", object(stream.next().data()).get("status"));
            assertEquals(SseMessage.of("cancelled", "{\"status\":\"cancelled\"}"), stream.next());
            stream.awaitEnd();
        }
    }

    @Test
    void refusesTheStreamOfAJobThatDoesNotExist() {
        ExampleSessionClient client = runner();
        try (ExampleSseStream missing = client.sse(ExampleRequest.get("/api/jobs/7/progress"));
                ExampleSseStream invalid = client.sse(ExampleRequest.get("/api/jobs/x/progress"))) {
            assertEquals(404, missing.status());
            assertEquals(400, invalid.status());
        }
        assertJson(404, "{\"error\":\"Job not found: 7\"}", http(client).send(ExampleRequest.get("/api/jobs/7")));
    }

    @Test
    void runsThreeJobsAtOnceAndStartsTheFourthWhenOneEnds() {
        ExampleClient client = http(runner());
        for (int i = 0; i < 4; i++) {
            client.send(postJson("/api/jobs", "{\"job_type\":\"echo\",\"params\":{\"delay\":1}}"));
        }
        steps.awaitEntered(3);
        Map<String, Object> stats = object(client.send(ExampleRequest.get("/api/stats")).text());
        assertEquals(decode("{\"pending\":1,\"running\":3,\"completed\":0,\"failed\":0,\"cancelled\":0,\"total\":4}"),
                stats.get("queue"));
        assertEquals(decode("{\"active\":3,\"capacity\":3,\"processed\":0,\"is_running\":1}"), stats.get("worker"));
        steps.release(1);
        steps.awaitEntered(4); // one ended and the fourth began
        steps.release(3);
        assertEquals(4L, number(awaitCompleted(client, 4)));
        assertJson(200, "{\"cleared\":4}", client.send(postJson("/api/jobs/clear-completed", "")));
        assertEquals(List.of(), decode(client.send(ExampleRequest.get("/api/jobs")).text()));
    }

    /** Waits for {@code n} completed jobs by following each job's own stream to its end. */
    private Object awaitCompleted(ExampleClient client, int n) {
        List<?> jobs = (List<?>) decode(client.send(ExampleRequest.get("/api/jobs")).text());
        ExampleSessionClient sessions = (ExampleSessionClient) client;
        for (Object job : jobs) {
            try (ExampleSseStream stream = sessions.sse(ExampleRequest.get(
                    "/api/jobs/" + number(((Map<?, ?>) job).get("id")) + "/progress"))) {
                SseMessage last;
                do {
                    last = stream.next();
                } while (last.event().equals("status") || last.event().equals("progress"));
                assertEquals("complete", last.event());
            }
        }
        return ((Map<?, ?>) object(client.send(ExampleRequest.get("/api/stats")).text()).get("queue"))
                .get("completed");
    }

    @Test
    void theWebSocketGivesTheStateThenEveryChangeAndTakesCommands() {
        ExampleSessionClient client = runner();
        try (ExampleWebSocket ws = client.websocket("/ws/queue")) {
            Map<String, Object> state = until(ws, "queue_state");
            assertEquals(List.of(), state.get("jobs"));
            assertEquals(4, ((List<?>) state.get("job_types")).size());
            assertEquals(3L, number(((Map<?, ?>) state.get("worker")).get("capacity")));

            ws.sendText("{\"type\":\"create_job\",\"job_type\":\"countdown\",\"params\":{\"seconds\":1}}");
            List<String> seen = new ArrayList<>();
            Map<String, Object> created = until(ws, "job_created", seen);
            assertEquals("pending", ((Map<?, ?>) created.get("data")).get("status"));
            until(ws, "job_started", seen);
            Map<String, Object> ack = until(ws, "job_created_ack", seen);
            assertEquals(1L, number(ack.get("job_id")));
            steps.awaitEntered(1);
            steps.release(1);
            Map<String, Object> completed = until(ws, "job_completed", seen);
            assertEquals(Map.of("message", "Countdown complete!", "duration", 1),
                    ((Map<?, ?>) completed.get("data")).get("result"));
            assertTrue(seen.indexOf("job_progress") > seen.indexOf("job_started"), String.valueOf(seen));

            ws.sendText("{\"type\":\"cancel_job\",\"job_id\":1}");
            assertEquals("Cannot cancel job in status: completed", until(ws, "error").get("message"));
            ws.sendText("{\"type\":\"create_job\",\"job_type\":\"fibonacci\",\"params\":{\"count\":99}}");
            assertEquals("Parameter 'count' must be at most 50", until(ws, "error").get("message"));
            ws.sendText("not json");
            ws.sendText("{\"type\":\"ping\",\"ts\":42}");
            assertEquals(42L, number(until(ws, "pong").get("ts")), "a bad message is ignored, the socket lives on");

            ws.sendText("{\"type\":\"create_job\",\"job_type\":\"echo\"}");
            until(ws, "job_created_ack");
            ws.sendText("{\"type\":\"cancel_job\",\"job_id\":2}");
            assertEquals(Map.of("job_id", 2), until(ws, "job_cancelled").get("data"));
            assertEquals(Boolean.TRUE, until(ws, "job_cancelled_ack").get("success"));
            ws.sendText("{\"type\":\"clear_completed\"}");
            assertEquals(Map.of("count", 2), until(ws, "jobs_cleared").get("data"));
            assertEquals(2L, number(until(ws, "jobs_cleared_ack").get("cleared")));
        }
    }
}
