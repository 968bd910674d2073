package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Endpoint;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.limit.RateLimitStore;
import org.pagi.wrappers.limit.TokenBucket;
import org.pagi.wrappers.response.Response;

@Timeout(30)
class ThrottleTest {

    /** A clock the test moves by hand, starting at epoch second 1,000,000. */
    static final class HandClock extends Clock {
        private final AtomicLong nanos = new AtomicLong(1_000_000L * 1_000_000_000L);

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }

        @Override
        public Instant instant() {
            long n = nanos.get();
            return Instant.ofEpochSecond(n / 1_000_000_000L, n % 1_000_000_000L);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final HandClock clock = new HandClock();
    /** The outage lines expected from the store-failure test, kept out of the build output. */
    private final java.util.logging.Logger quietLog = java.util.logging.Logger.getLogger("pagi.test.throttle");
    private final AtomicInteger calls = new AtomicInteger();
    private final Application app = (scope, receive, send) -> {
        calls.incrementAndGet();
        return Echo.of("app").call(scope, receive, send);
    };

    private static TestClient from(Application app, String address) {
        return TestClient.builder(app).clientAddress(Endpoint.of(address, 40000)).build();
    }

    @Test
    void byDefaultOneGlobalBucketAdmitsABurstEqualToTheRateThenAnswers429() {
        Throttle throttle = Throttle.builder(app).clock(clock).build();
        assertEquals(10, throttle.bucket().burst());
        for (int i = 0; i < 10; i++) {
            var admitted = from(throttle, i % 2 == 0 ? "10.0.0.1" : "10.0.0.2").get("/").send();
            assertEquals(200, admitted.status());
            assertEquals(Optional.of("10"), admitted.header("x-ratelimit-limit"));
            assertEquals(Optional.of(Integer.toString(9 - i)), admitted.header("x-ratelimit-remaining"));
        }
        var refused = from(throttle, "10.0.0.3").get("/").send();
        assertEquals(429, refused.status());
        assertEquals(Throttle.REFUSED_BODY, refused.text());
        assertEquals(Optional.of("1"), refused.header("retry-after"));
        assertEquals(Optional.of("0"), refused.header("x-ratelimit-remaining"));
        assertEquals(Optional.of("1000001"), refused.header("x-ratelimit-reset"), "full again in one second");
        assertEquals(10, calls.get(), "the refused request never reached the app");
    }

    @Test
    void tokensComeBackAtTheRate() {
        Throttle throttle = Throttle.builder(app).rate(2).burst(1).clock(clock).build();
        TestClient client = TestClient.of(throttle);
        assertEquals(200, client.get("/").send().status());
        assertEquals(429, client.get("/").send().status());
        clock.advance(Duration.ofMillis(499));
        assertEquals(429, client.get("/").send().status());
        clock.advance(Duration.ofMillis(1));
        assertEquals(200, client.get("/").send().status());
    }

    @Test
    void aKeyFunctionGivesEachKeyItsOwnBucketAndNullCountsAsGlobal() {
        Throttle throttle = Throttle.builder(app).burst(1).clock(clock)
                .key(scope -> scope.headers().first("x-api-key").orElse(null)).build();
        TestClient client = TestClient.of(throttle);
        assertEquals(200, client.get("/").header("x-api-key", "a").send().status());
        assertEquals(200, client.get("/").header("x-api-key", "b").send().status());
        assertEquals(429, client.get("/").header("x-api-key", "a").send().status());
        assertEquals(200, client.get("/").send().status(), "no key: the global bucket, still full");
        assertEquals(429, client.get("/").send().status());
    }

    @Test
    void onLimitAnswersRefusedRequests() {
        Throttle throttle = Throttle.builder(app).rate(0.5).burst(1).clock(clock)
                .onLimit((scope, receive, send, retryAfter) -> Response.text("slow down, retry in " + retryAfter)
                        .withStatus(503).respond(scope, send))
                .build();
        TestClient client = TestClient.of(throttle);
        client.get("/").send();
        var refused = client.get("/").send();
        assertEquals(503, refused.status());
        assertEquals("slow down, retry in 2", refused.text());
    }

    @Test
    void headersCanBeLeftOut() {
        Throttle throttle = Throttle.builder(app).burst(1).headers(false).clock(clock).build();
        TestClient client = TestClient.of(throttle);
        var admitted = client.get("/").send();
        assertTrue(admitted.header("x-ratelimit-limit").isEmpty());
        var refused = client.get("/").send();
        assertEquals(429, refused.status());
        assertTrue(refused.header("x-ratelimit-remaining").isEmpty());
        assertEquals(Optional.of("1"), refused.header("retry-after"));
    }

    @Test
    void aRefusedHeadGetsTheHeadersWithoutTheBody() {
        TestClient client = TestClient.of(Throttle.builder(app).burst(1).clock(clock).build());
        client.head("/").send();
        var refused = client.head("/").send();
        assertEquals(429, refused.status());
        assertEquals("", refused.text());
        assertEquals(Optional.of(Integer.toString(Throttle.REFUSED_BODY.length())), refused.header("content-length"));
    }

    @Test
    void theBucketsLiveInTheGivenStoreTheOneTheRateLimitMiddlewareUses() {
        AtomicInteger takes = new AtomicInteger();
        RateLimitStore memory = RateLimitStore.inMemory(10);
        RateLimitStore counting = (key, bucket, now) -> {
            takes.incrementAndGet();
            return memory.take(key, bucket, now);
        };
        TestClient client = TestClient.of(Throttle.builder(app).store(counting).clock(clock).build());
        client.get("/").send();
        client.get("/").send();
        assertEquals(2, takes.get());
        TokenBucket.Take next = memory.take("global", TokenBucket.perSecond(10, 10), TokenBucket.epochNanos(clock));
        assertEquals(7, next.remaining(), "the store holds the throttle's state");
    }

    @Test
    void websocketAndSsePassThroughUnthrottled() {
        TestClient client = TestClient.of(Throttle.builder(app).burst(1).clock(clock).build());
        for (int i = 0; i < 3; i++) {
            try (WebSocketSession ws = client.websocket("/ws").connect()) {
                assertEquals("app|/ws|", ws.receiveText());
            }
            try (SseStream events = client.sse("/events").open()) {
                assertEquals("app|/events|", events.next().data());
            }
        }
    }

    @Test
    void theBuilderRefusesBadOptionsByName() {
        URLMapTest.assertMessage("rate:", () -> Throttle.builder(app).rate(0).build());
        URLMapTest.assertMessage("rate:", () -> Throttle.builder(app).rate(Double.NaN).build());
        URLMapTest.assertMessage("rate:", () -> Throttle.builder(app).rate(2e9).build());
        URLMapTest.assertMessage("burst: must be at least 1", () -> Throttle.builder(app).burst(0).build());
        URLMapTest.assertMessage("maxKeys: must be at least 1", () -> Throttle.builder(app).maxKeys(0).build());
    }

    @Test
    void whileTheStoreFailsFailOpenAdmitsAndFailClosedAnswers503() {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        RateLimitStore memory = RateLimitStore.inMemory(10);
        RateLimitStore switchable = (key, bucket, now) -> {
            if (down.get()) {
                throw new IllegalStateException("store down");
            }
            return memory.take(key, bucket, now);
        };
        quietLog.setLevel(java.util.logging.Level.OFF);
        System.Logger quiet = System.getLogger(quietLog.getName());
        TestClient open = TestClient.of(Throttle.builder(app).burst(1).clock(clock).store(switchable).logger(quiet)
                .build());
        var admitted = open.get("/").send();
        assertEquals(200, admitted.status(), "FAIL_OPEN is the default");
        assertTrue(admitted.header("x-ratelimit-limit").isEmpty());
        TestClient closed = TestClient.of(Throttle.builder(app).burst(1).clock(clock).store(switchable).logger(quiet)
                .onStoreFailure(org.pagi.wrappers.limit.StoreFailure.FAIL_CLOSED).build());
        var refused = closed.get("/").send();
        assertEquals(503, refused.status());
        assertEquals(Optional.of("1"), refused.header("retry-after"));
        assertEquals(Throttle.STORE_FAILED_BODY, refused.text());
        assertEquals(1, calls.get(), "only the fail-open request reached the app");
        down.set(false);
        assertEquals(200, closed.get("/").send().status());
        assertEquals(429, closed.get("/").send().status(), "the store decides again");
    }
}
