package org.pagi.middleware.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.middleware.RateLimit;
import org.pagi.spec.Application;
import org.pagi.spec.Endpoint;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.apps.Throttle;
import org.pagi.wrappers.limit.RateLimitStore;
import org.pagi.wrappers.limit.StoreFailure;
import org.pagi.wrappers.limit.TokenBucket;
import org.pagi.wrappers.response.Response;

/**
 * The Redis rate-limit store as two instances of one application use it, each with its own connection
 * ("process") to one Redis. Run against Debian's redis-server ({@link RedisRateLimitStoreTest}) and, with Docker,
 * {@code redis:7}.
 */
abstract class RedisRateLimitStoreChecks extends RedisTwoInstances {

    private final AtomicInteger calls = new AtomicInteger();
    private final Application hello = (scope, receive, send) -> {
        calls.incrementAndGet();
        return Response.text("hello").respond(scope, send);
    };

    @BeforeEach
    void resetCalls() {
        calls.set(0);
    }

    RedisRateLimitStore store(Redis redis) {
        return RedisRateLimitStore.builder().redis(redis).prefix(prefix).build();
    }

    static TokenBucket.Take take(RateLimitStore store, String key, TokenBucket bucket, long now) throws Exception {
        return store.takeAsync(key, bucket, now).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * Random buckets (intervals of 10 s to an hour plus odd nanoseconds, so Redis's own expiry never runs during
     * the test), random keys and random steps of time, from ticks of a nanosecond to several windows: every
     * decision and every field of it is the in-memory store's.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void theRedisStoreDecidesExactlyAsTheInMemoryOneOnARandomSequence(long seed) throws Exception {
        Random random = new Random(seed);
        RateLimitStore memory = RateLimitStore.inMemory(100);
        RedisRateLimitStore redisA = store(first);
        RedisRateLimitStore redisB = store(second);
        TokenBucket bucket = new TokenBucket(Duration.ofSeconds(10 + random.nextInt(3600)).toNanos()
                + random.nextInt(1_000_000_000), 1 + random.nextInt(30));
        // From today to centuries ahead: the split seconds/nanoseconds arithmetic must hold at any epoch.
        long now = 1_700_000_000_000_000_000L + (long) (random.nextDouble() * 7e18);
        int allowed = 0;
        for (int i = 0; i < 300; i++) {
            String key = "k" + random.nextInt(2);
            // Mostly bursts (no time or a few ns), sometimes about one refill, rarely a drained bucket's window.
            int step = random.nextInt(64);
            now += step < 40 ? 0
                    : step < 52 ? random.nextInt(1000)
                    : step < 63 ? (long) (random.nextDouble() * bucket.intervalNanos() * 2)
                    : (long) (random.nextDouble() * bucket.windowNanos() * 1.5);
            TokenBucket.Take expected = memory.take(key, bucket, now);
            TokenBucket.Take got = take(i % 2 == 0 ? redisA : redisB, key, bucket, now);
            assertEquals(expected, got, "step " + i + " key " + key + " at " + now + " with " + bucket);
            allowed += got.allowed() ? 1 : 0;
        }
        assertTrue(allowed > 0 && allowed < 300, "the sequence exercised both answers: " + allowed);
    }

    @Test
    void twoInstancesShareOneLimitAndTheRequestOverItGets429WhicheverAnswers() {
        TestClient a = client(RateLimit.builder().requestsPerSecond(1.0 / 3600).burst(5)
                .store(store(first)).build().wrap(hello));
        TestClient b = client(RateLimit.builder().requestsPerSecond(1.0 / 3600).burst(5)
                .store(store(second)).build().wrap(hello));
        for (int i = 0; i < 5; i++) {
            TestResponse ok = (i % 2 == 0 ? a : b).get("/").send();
            assertEquals(200, ok.status());
            assertEquals(Optional.of(Integer.toString(4 - i)), ok.header("x-ratelimit-remaining"));
        }
        assertEquals(429, a.get("/").send().status());
        assertEquals(429, b.get("/").send().status());
        assertEquals(5, calls.get());
    }

    @Test
    void throttleInstancesShareOneGlobalBucketToo() {
        Application a = Throttle.builder(hello).rate(1.0 / 3600).burst(3).store(store(first)).build();
        Application b = Throttle.builder(hello).rate(1.0 / 3600).burst(3).store(store(second)).build();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(client(i % 2 == 0 ? a : b).get("/").send().status());
        }
        assertEquals(List.of(200, 200, 200, 429, 429, 429), statuses);
    }

    @Test
    void concurrentTakesFromTwoInstancesNeverExceedTheBucket() throws Exception {
        TokenBucket bucket = TokenBucket.perSecond(1.0 / 3600, 20);
        RedisRateLimitStore a = store(first);
        RedisRateLimitStore b = store(second);
        long now = TokenBucket.epochNanos(java.time.Clock.systemUTC());
        List<CompletableFuture<TokenBucket.Take>> takes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            takes.add((i % 2 == 0 ? a : b).takeAsync("same", bucket, now + i).toCompletableFuture());
        }
        CompletableFuture.allOf(takes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertEquals(20, takes.stream().filter(t -> t.join().allowed()).count());
    }

    @Test
    void theKeyExpiresWhenTheBucketIsFullAgain() throws Exception {
        TokenBucket bucket = TokenBucket.perSecond(1, 10);
        long now = TokenBucket.epochNanos(java.time.Clock.systemUTC());
        RedisRateLimitStore store = store(first);
        take(store, "ttl", bucket, now);
        take(store, "ttl", bucket, now);
        long ttl = first.async().pttl(prefix + "ttl").get(5, TimeUnit.SECONDS);
        assertTrue(ttl > 0 && ttl <= 2000, "two tokens taken at 1/s: full again within 2 s, PTTL " + ttl);
    }

    @Test
    void aFlushedScriptCacheIsReloadedWithoutAFailedTake() throws Exception {
        TokenBucket bucket = TokenBucket.perSecond(1.0 / 3600, 2);
        long now = TokenBucket.epochNanos(java.time.Clock.systemUTC());
        RedisRateLimitStore store = store(first);
        assertTrue(take(store, "flush", bucket, now).allowed());
        second.async().scriptFlush().get(5, TimeUnit.SECONDS);
        assertTrue(take(store, "flush", bucket, now).allowed(), "NOSCRIPT: sent again with EVAL");
        assertTrue(!take(store, "flush", bucket, now).allowed());
    }

    @Test
    void whileRedisDoesNotAnswerTheFailurePolicyDecidesAndTheBucketIsKept() throws Exception {
        TestClient open = client(RateLimit.builder().requestsPerSecond(1.0 / 3600).burst(1)
                .store(store(first)).logger(System.getLogger(QUIET.getName())).build().wrap(hello));
        TestClient closed = client(RateLimit.builder().requestsPerSecond(1.0 / 3600).burst(1)
                .store(store(second)).onStoreFailure(StoreFailure.FAIL_CLOSED)
                .logger(System.getLogger(QUIET.getName())).build().wrap(hello));
        TestClient throttled = client(Throttle.builder(hello).rate(1.0 / 3600).burst(1).store(store(second))
                .onStoreFailure(StoreFailure.FAIL_CLOSED).logger(System.getLogger(QUIET.getName())).build());
        assertEquals(200, open.get("/").send().status());
        assertEquals(429, closed.get("/").send().status(), "one bucket: the first request took its token");
        fixture().freeze();
        try {
            TestResponse admitted = open.get("/").send();
            assertEquals(200, admitted.status(), "FAIL_OPEN admits");
            assertTrue(admitted.header("x-ratelimit-limit").isEmpty());
            TestResponse refused = closed.get("/").send();
            assertEquals(503, refused.status(), "FAIL_CLOSED refuses");
            assertEquals(Optional.of("1"), refused.header("retry-after"));
            assertEquals(503, throttled.get("/").send().status());
        } finally {
            fixture().thaw();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int status = closed.get("/").send().status();
        while (status == 503 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = closed.get("/").send().status();
        }
        assertEquals(429, status, "Redis answers again, with the bucket as it was");
        assertEquals(429, open.get("/").send().status());
        assertEquals(2, calls.get(), "the first request and the one admitted open");
    }

    /** Where the outage lines of the failure test go: off, they are checked by RateLimitStoreFailureTest. */
    private static final java.util.logging.Logger QUIET = quiet();

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("pagi.test.redis-rate-limit");
        logger.setLevel(java.util.logging.Level.OFF);
        return logger;
    }

    private static TestClient client(Application app) {
        return TestClient.builder(app).clientAddress(Endpoint.of("203.0.113.7", 40000)).build();
    }
}
