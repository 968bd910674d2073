package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;
import org.pagi.wrappers.limit.InMemoryRateLimitStore;
import org.pagi.wrappers.limit.RateLimitStore;
import org.pagi.wrappers.limit.TokenBucket;

@Timeout(30)
class RateLimitTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final long START_SECONDS = START.getEpochSecond();

    private final ManualClock clock = new ManualClock(START);
    private final AtomicInteger calls = new AtomicInteger();
    private final Application hello = (scope, receive, send) -> {
        calls.incrementAndGet();
        return Response.text("hello").respond(scope, send);
    };

    private static TestClient from(String address, Application app) {
        return TestClient.builder(app).clientAddress(Endpoint.of(address, 40000)).build();
    }

    @Test
    void defaultsAdmitABurstOfTwentyThenAnswer429WithRetryAfterAndNeverCallTheApp() {
        Application app = RateLimit.builder().clock(clock).build().wrap(hello);
        TestClient client = from("10.0.0.1", app);
        for (int i = 0; i < 20; i++) {
            TestResponse ok = client.get("/").send();
            assertEquals(200, ok.status());
            assertEquals("hello", ok.text());
            assertEquals("20", ok.header("x-ratelimit-limit").orElseThrow());
            assertEquals(Integer.toString(19 - i), ok.header("x-ratelimit-remaining").orElseThrow());
            // 10 a second: the bucket is full again (i + 1) / 10 s from now.
            assertEquals(Long.toString(START_SECONDS + (long) Math.ceil((i + 1) / 10.0)),
                    ok.header("x-ratelimit-reset").orElseThrow());
            assertFalse(ok.headers().contains("ratelimit"), "the IETF fields are off by default");
        }
        TestResponse refused = client.get("/").send();
        assertEquals(429, refused.status());
        assertEquals(RateLimit.REFUSED_BODY, refused.text());
        assertEquals("1", refused.header("retry-after").orElseThrow(), "0.1 s rounded up to whole seconds");
        assertEquals("20", refused.header("x-ratelimit-limit").orElseThrow());
        assertEquals("0", refused.header("x-ratelimit-remaining").orElseThrow());
        assertEquals(Long.toString(START_SECONDS + 2), refused.header("x-ratelimit-reset").orElseThrow());
        assertEquals(20, calls.get());

        clock.advance(Duration.ofMillis(100));
        assertEquals(200, client.get("/").send().status(), "one token back after 1/rate");
        assertEquals(429, client.get("/").send().status());
        clock.advance(Duration.ofSeconds(10));
        assertEquals("19", client.get("/").send().header("x-ratelimit-remaining").orElseThrow(), "full again");
    }

    @Test
    void theKeyIsTheResolvedClientAddressNeverARawForwardedHeader() {
        Application app = RateLimit.builder().burst(2).clock(clock).build().wrap(hello);
        TestClient a = from("10.0.0.1", app);
        TestClient b = from("10.0.0.2", app);
        for (int i = 0; i < 2; i++) {
            assertEquals(200, a.get("/").header("x-forwarded-for", "192.0.2." + i).header("forwarded", "for=198.51.100." + i)
                    .header("x-real-ip", "203.0.113." + i).send().status());
        }
        assertEquals(429, a.get("/").header("x-forwarded-for", "192.0.2.99").send().status(),
                "rotating a forwarding header does not give a new bucket");
        assertEquals(200, b.get("/").send().status(), "another client has its own bucket");
    }

    @Test
    void aKeyFunctionGroupsRequestsAndNullExemptsThem() {
        Application app = RateLimit.builder().burst(1).clock(clock)
                .key(scope -> scope.path().equals("/health") ? null : scope.headers().first("x-api-key").orElse("anon"))
                .build().wrap(hello);
        TestClient one = from("10.0.0.1", app);
        TestClient two = from("10.0.0.2", app);
        assertEquals(200, one.get("/").header("x-api-key", "k1").send().status());
        assertEquals(429, two.get("/").header("x-api-key", "k1").send().status(), "same key from another address");
        assertEquals(200, two.get("/").header("x-api-key", "k2").send().status());
        for (int i = 0; i < 5; i++) {
            TestResponse health = one.get("/health").send();
            assertEquals(200, health.status());
            assertFalse(health.headers().contains("x-ratelimit-limit"), "an exempt request is not counted");
        }
    }

    @Test
    void ietfDraftFieldsBehindTheirOption() {
        Application app = RateLimit.builder().requestsPerSecond(2).burst(10).ietfHeaders(true).policyName("api")
                .clock(clock).build().wrap(hello);
        TestClient client = from("10.0.0.1", app);
        TestResponse ok = client.get("/").send();
        assertEquals("\"api\";q=10;w=5", ok.header("ratelimit-policy").orElseThrow());
        assertEquals("\"api\";r=9;t=1", ok.header("ratelimit").orElseThrow());
        for (int i = 0; i < 9; i++) {
            client.get("/").send();
        }
        TestResponse refused = client.get("/").send();
        assertEquals(429, refused.status());
        assertEquals("\"api\";r=0;t=5", refused.header("ratelimit").orElseThrow());
        assertEquals("1", refused.header("retry-after").orElseThrow());
    }

    @Test
    void headGetsTheSameRefusalWithoutABody() {
        Application app = RateLimit.builder().burst(1).clock(clock).build().wrap(hello);
        TestClient client = from("10.0.0.1", app);
        assertEquals(200, client.head("/").send().status());
        TestResponse refused = client.head("/").send();
        assertEquals(429, refused.status());
        assertEquals(0, refused.body().length());
        assertEquals("1", refused.header("retry-after").orElseThrow());
        assertEquals("0", refused.header("x-ratelimit-remaining").orElseThrow());
    }

    @Test
    void aStreamedResponseGetsItsFieldsOnStartAndItsChunksOneByOne() {
        Application streaming = (scope, receive, send) -> send.send(new HttpResponseStart(200,
                        Headers.of("content-type", "text/plain")))
                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("a"))))
                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("b"))))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("c"))));
        Application app = RateLimit.builder().clock(clock).build().wrap(streaming);
        try (StreamingResponse stream = from("10.0.0.1", app).get("/").stream()) {
            stream.awaitStart();
            assertEquals("19", stream.headers().first("x-ratelimit-remaining").orElseThrow());
            assertEquals("a", stream.nextChunk().orElseThrow().utf8());
            assertEquals("b", stream.nextChunk().orElseThrow().utf8());
            assertEquals("c", stream.nextChunk().orElseThrow().utf8());
        }
    }

    @Test
    void perRoutePoliciesKeepTheirOwnBucketsAndOneInstanceSharesItsBucketAcrossRoutes() {
        RateLimit strict = RateLimit.builder().burst(1).clock(clock).build();
        RateLimit loose = RateLimit.builder().burst(3).clock(clock).build();
        Application app = Router.builder()
                .post("/login", hello, strict)
                .post("/reset", hello, strict)
                .get("/api", hello, loose)
                .get("/free", hello)
                .build();
        TestClient client = from("10.0.0.1", app);
        assertEquals(200, client.post("/login").send().status());
        assertEquals(429, client.post("/reset").send().status(), "the same instance on two routes: one bucket");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.get("/api").send().status());
        }
        assertEquals(429, client.get("/api").send().status());
        assertEquals(200, client.get("/free").send().status());
        assertFalse(client.get("/free").send().headers().contains("x-ratelimit-limit"));
    }

    @Test
    void nestedPoliciesBothCountButOnlyTheInnermostFieldsAreSent() {
        RateLimit global = RateLimit.builder().burst(3).clock(clock).build();
        RateLimit route = RateLimit.builder().burst(10).clock(clock).build();
        TestClient client = from("10.0.0.1", global.wrap(route.wrap(hello)));
        TestResponse first = client.get("/").send();
        assertEquals(List.of("10"), first.headers().all("x-ratelimit-limit"));
        assertEquals(List.of("9"), first.headers().all("x-ratelimit-remaining"));
        client.get("/").send();
        client.get("/").send();
        TestResponse refused = client.get("/").send();
        assertEquals(429, refused.status(), "the outer policy still counts");
        assertEquals(List.of("3"), refused.headers().all("x-ratelimit-limit"));
    }

    @Test
    void aFullTableForgetsItsLeastRecentlyUsedKeyAndStaysBounded() {
        InMemoryRateLimitStore store = new InMemoryRateLimitStore(3);
        TokenBucket bucket = new TokenBucket(1_000_000_000L, 1);
        long now = 0;
        assertTrue(store.take("a", bucket, now).allowed());
        assertTrue(store.take("b", bucket, now).allowed());
        assertTrue(store.take("c", bucket, now).allowed());
        assertFalse(store.take("a", bucket, now).allowed(), "a used again: now the most recent");
        for (int i = 0; i < 1000; i++) {
            store.take("flood-" + i, bucket, now);
            assertTrue(store.size() <= 3);
        }
        assertTrue(store.take("b", bucket, now).allowed(), "b was forgotten: a full bucket again");
    }

    @Test
    void takeIsAtomicUnderConcurrency() throws Exception {
        RateLimitStore store = RateLimitStore.inMemory(10);
        TokenBucket bucket = new TokenBucket(1_000_000_000L, 500);
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            workers.add(() -> {
                int admitted = 0;
                for (int i = 0; i < 200; i++) {
                    admitted += store.take("same", bucket, 7).allowed() ? 1 : 0;
                }
                return admitted;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(workers)) {
                total += f.get();
            }
            assertEquals(500, total, "exactly the burst out of 1600 concurrent takes at one instant");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badConfigurationIsRefusedNamingTheOption() {
        assertMessage("rate", () -> RateLimit.builder().requestsPerSecond(0).build());
        assertMessage("rate", () -> RateLimit.builder().requestsPerSecond(Double.NaN).build());
        assertMessage("burst", () -> RateLimit.builder().burst(0).build());
        assertMessage("burst", () -> RateLimit.builder().requestsPerSecond(1e-9).burst(Integer.MAX_VALUE).build());
        assertMessage("maxKeys", () -> RateLimit.builder().maxKeys(0).build());
        assertMessage("maxKeys", () -> RateLimit.builder().maxKeys(5).store(RateLimitStore.inMemory(5)).build());
        assertMessage("policyName", () -> RateLimit.builder().policyName("a\"b").build());
        RateLimit.Config defaults = RateLimit.builder().build().config();
        assertEquals(10, defaults.requestsPerSecond());
        assertEquals(20, defaults.burst());
        assertFalse(defaults.ietfHeaders());
        assertEquals("default", defaults.policyName());
    }

    private static void assertMessage(String option, org.junit.jupiter.api.function.Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().startsWith(option + ":"), e.getMessage());
    }

    @Test
    void otherScopeTypesPassThroughUntouched() {
        PassThrough.untouched(RateLimit.builder().burst(1).build(),
                PassThrough.Kind.WEBSOCKET, PassThrough.Kind.SSE, PassThrough.Kind.LIFESPAN);
    }
}
