package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.limit.RateLimitStore;
import org.pagi.wrappers.limit.StoreFailure;
import org.pagi.wrappers.limit.TokenBucket;
import org.pagi.wrappers.response.Response;

/** RateLimit over a store that answers later or fails: the configured policy, the outage logged once. */
@Timeout(30)
class RateLimitStoreFailureTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicInteger calls = new AtomicInteger();
    private final Application hello = (scope, receive, send) -> {
        calls.incrementAndGet();
        return Response.text("hello").respond(scope, send);
    };
    private final AtomicBoolean down = new AtomicBoolean();
    private final RateLimitStore memory = RateLimitStore.inMemory(100);
    private final RateLimitStore switchable = (key, bucket, now) -> {
        if (down.get()) {
            throw new IllegalStateException("store down");
        }
        return memory.take(key, bucket, now);
    };

    @Test
    void failOpenAdmitsWithoutLimitFieldsAndLogsTheOutageOnceAndItsEndOnce() {
        RecordingLogger log = new RecordingLogger();
        TestClient client = TestClient.of(RateLimit.builder().burst(1).clock(clock).store(switchable).logger(log)
                .build().wrap(hello));
        assertEquals(200, client.get("/").send().status());
        assertEquals(429, client.get("/").send().status());
        down.set(true);
        for (int i = 0; i < 3; i++) {
            TestResponse open = client.get("/").send();
            assertEquals(200, open.status(), "FAIL_OPEN is the default");
            assertTrue(open.header("x-ratelimit-limit").isEmpty(), "no decision, no fields");
        }
        assertEquals(4, calls.get());
        assertEquals(1, log.lines.size(), log.lines.toString());
        assertEquals(System.Logger.Level.WARNING, log.lines.get(0).level());
        assertTrue(log.lines.get(0).message().contains("FAIL_OPEN") && log.lines.get(0).message().contains(
                "store down"), log.lines.get(0).message());
        down.set(false);
        assertEquals(429, client.get("/").send().status(), "the bucket is as the outage left it");
        client.get("/").send();
        assertEquals(2, log.lines.size(), log.lines.toString());
        assertTrue(log.lines.get(1).message().contains("answers again"), log.lines.get(1).message());
    }

    @Test
    void failClosedAnswers503WithRetryAfterAndNeverCallsTheApplication() {
        TestClient client = TestClient.of(RateLimit.builder().clock(clock).store(switchable)
                .onStoreFailure(StoreFailure.FAIL_CLOSED).logger(new RecordingLogger()).build().wrap(hello));
        down.set(true);
        TestResponse closed = client.get("/").send();
        assertEquals(503, closed.status());
        assertEquals(Optional.of("1"), closed.header("retry-after"));
        assertEquals(RateLimit.STORE_FAILED_BODY, closed.text());
        TestResponse head = client.head("/").send();
        assertEquals(503, head.status());
        assertEquals("", head.text());
        assertEquals(0, calls.get());
        down.set(false);
        assertEquals(200, client.get("/").send().status());
    }

    @Test
    void aDecisionThatArrivesLaterOnAnotherThreadIsWaitedFor() {
        RateLimitStore later = new RateLimitStore() {
            @Override
            public TokenBucket.Take take(String key, TokenBucket bucket, long nowNanos) {
                throw new AssertionError("the synchronous take was called");
            }

            @Override
            public CompletionStage<TokenBucket.Take> takeAsync(String key, TokenBucket bucket, long nowNanos) {
                return CompletableFuture.supplyAsync(() -> memory.take(key, bucket, nowNanos),
                        task -> Thread.ofPlatform().daemon().start(task));
            }
        };
        TestClient client = TestClient.of(RateLimit.builder().burst(2).clock(clock).store(later).build().wrap(hello));
        assertEquals("1", client.get("/").send().header("x-ratelimit-remaining").orElseThrow());
        assertEquals(200, client.get("/").send().status());
        assertEquals(429, client.get("/").send().status());
    }
}
