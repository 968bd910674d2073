package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.response.Response;

@Timeout(30)
class HealthcheckTest {

    private static final AtomicInteger APP_CALLS = new AtomicInteger();
    private static final Application APP = (scope, receive, send) -> {
        APP_CALLS.incrementAndGet();
        return Response.text("app").respond(scope, send);
    };

    private static Healthcheck.Check ok() {
        return () -> CompletableFuture.completedFuture(true);
    }

    @Test
    void liveAndReadyAnswerWithoutTheApplicationByDefault() {
        APP_CALLS.set(0);
        TestClient client = TestClient.of(Healthcheck.builder().build().wrap(APP));
        var live = client.get("/health/live").send();
        assertEquals(200, live.status());
        assertEquals("{\"status\":\"ok\"}", live.text());
        assertEquals("application/json", live.header("content-type").orElseThrow());
        assertEquals("no-cache, no-store", live.header("cache-control").orElseThrow());
        var ready = client.get("/health/ready").send();
        assertEquals(200, ready.status());
        assertEquals("{\"status\":\"ok\"}", ready.text(), "no checks: ready, nothing to name");
        var combined = client.get("/health").send();
        assertEquals(200, combined.status());
        assertTrue(combined.json().get("timestamp").asLong() > 0, "upstream's /health adds a timestamp");
        assertEquals(0, APP_CALLS.get());
        assertEquals("app", client.get("/health/other").send().text());
        assertEquals(1, APP_CALLS.get());
    }

    @Test
    void readinessNamesEachCheckWithStatusAndDurationAnd503WhenAnyFails() {
        TestClient client = TestClient.of(Healthcheck.builder()
                .check("db", ok())
                .check("cache", () -> CompletableFuture.completedFuture(false))
                .check("queue", () -> CompletableFuture.failedFuture(new IllegalStateException("password=x")))
                .check("broken", () -> {
                    throw new IllegalArgumentException("sync");
                })
                .build().wrap(APP));
        var res = client.get("/health/ready").send();
        assertEquals(503, res.status());
        JsonNode body = res.json();
        assertEquals("error", body.get("status").asText());
        assertEquals("ok", body.at("/checks/db/status").asText());
        assertTrue(body.at("/checks/db/duration_ms").isNumber());
        assertEquals("error", body.at("/checks/cache/status").asText());
        assertEquals("error", body.at("/checks/queue/status").asText());
        assertEquals("threw IllegalStateException", body.at("/checks/queue/error").asText());
        assertFalse(res.text().contains("password"), "exception messages are not shown");
        assertEquals("error", body.at("/checks/broken/status").asText(), "a throwing check never throws out");
    }

    @Test
    void aCheckThatNeverAnswersTimesOutAndChecksRunConcurrently() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        CompletableFuture<Boolean> never = new CompletableFuture<>();
        Healthcheck.Check waitsForTheOther = () -> {
            bothStarted.countDown();
            // Completes only once the other check has started too: only possible if they run at once.
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return bothStarted.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
        };
        // Long enough for the check that answers to be scheduled on a loaded machine; the other never answers.
        TestClient client = TestClient.of(Healthcheck.builder().checkTimeout(Duration.ofSeconds(2))
                .check("a", waitsForTheOther).check("hangs", () -> {
                    bothStarted.countDown();
                    return never;
                }).build().wrap(APP));
        var res = client.get("/health/ready").send();
        assertEquals(503, res.status());
        assertEquals("ok", res.json().at("/checks/a/status").asText());
        assertEquals("timeout", res.json().at("/checks/hangs/status").asText());
        assertTrue(res.json().at("/checks/hangs/duration_ms").asLong() >= 2000);
        assertEquals("no answer within 2000 ms", res.json().at("/checks/hangs/error").asText());
    }

    @Test
    void pathsAndDetailsAreConfigurable() {
        TestClient client = TestClient.of(Healthcheck.builder().path("/status").livePath("/healthz")
                .readyPath("/ready").includeDetails(false).check("db", ok()).build().wrap(APP));
        assertEquals("{\"status\":\"ok\"}", client.get("/healthz").send().text());
        assertEquals("{\"status\":\"ok\"}", client.get("/ready").send().text(), "no details");
        assertEquals(200, client.get("/status").send().status());
        assertEquals("app", client.get("/health/live").send().text(), "the defaults no longer apply");
    }

    @Test
    void headGetsTheStatusWithoutABody() {
        TestClient client = TestClient.of(Healthcheck.builder().check("cache",
                () -> CompletableFuture.completedFuture(false)).build().wrap(APP));
        var res = client.head("/health/ready").send();
        assertEquals(503, res.status());
        assertEquals(0, res.body().length());
    }

    @Test
    void badConfigurationIsRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Healthcheck.builder().livePath("live").build())
                .getMessage().contains("livePath"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Healthcheck.builder().readyPath("/health/live")
                .build()).getMessage().contains("readyPath"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Healthcheck.builder()
                .checkTimeout(Duration.ZERO).build()).getMessage().contains("checkTimeout"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Healthcheck.builder().check("a", ok())
                .check("a", ok())).getMessage().contains("'a'"));
    }

    @Test
    void otherRequestsAndScopesPassThroughUntouched() {
        Healthcheck health = Healthcheck.builder().check("db", ok()).build();
        PassThrough.untouched(health, PassThrough.Kind.values());
    }

    @Test
    void theCombinedReportCarriesUptimeAndTheVersionWhenGivenAsUpstreams() {
        var plain = TestClient.of(Healthcheck.builder().build().app()).get("/").send().json();
        assertTrue(plain.get("uptime").asLong() >= 0, plain.toString());
        assertTrue(plain.get("version") == null, "no version unless one is given: " + plain);
        Healthcheck versioned = Healthcheck.builder().version("1.4.2").build();
        var report = TestClient.of(versioned.app()).get("/").send().json();
        assertEquals("1.4.2", report.get("version").asText());
        assertTrue(report.get("uptime").asLong() >= 0);
        TestClient client = TestClient.of(versioned.wrap(APP));
        assertEquals("1.4.2", client.get("/health").send().json().get("version").asText());
        assertEquals("{\"status\":\"ok\"}", client.get("/health/ready").send().text(), "probes stay minimal");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Healthcheck.builder().version(" ").build())
                .getMessage().startsWith("version"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Healthcheck.builder().version("1\n2").build())
                .getMessage().startsWith("version"));
    }

    @Test
    void asAnApplicationEveryPathGetsTheCombinedReportAndOtherProtocols404() {
        TestClient client = TestClient.of(Healthcheck.builder()
                .check("db", ok())
                .check("cache", () -> CompletableFuture.completedFuture(false))
                .build().app());
        var report = client.get("/anything/at/all").send();
        assertEquals(503, report.status());
        assertEquals("error", report.json().get("status").asText());
        assertEquals("ok", report.json().get("checks").get("db").get("status").asText());
        assertTrue(report.json().get("timestamp").asLong() > 0);
        assertEquals("no-cache, no-store", report.header("cache-control").orElseThrow());
        assertEquals(503, client.post("/").send().status(), "any method");
        var healthy = TestClient.of(Healthcheck.builder().check("db", ok()).build().app()).get("/").send();
        assertEquals(200, healthy.status());
        try (var events = client.sse("/events").open()) {
            assertTrue(events.declined());
            assertEquals(404, events.status());
        }
        var lifespan = client.lifespan();
        lifespan.startup();
        assertFalse(lifespan.supported());
    }
}
