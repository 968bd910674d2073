package org.pagi.middleware.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.middleware.RateLimit;
import org.pagi.middleware.Session;
import org.pagi.server.ExecutionMode;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.RequestScope;
import org.pagi.wrappers.response.Response;

/**
 * Two servers, each with its own Redis connection, as two instances behind a load balancer: sessions and one rate
 * limit shared over the wire; and a request waiting on a Redis that does not answer never holds the server's
 * only loop, where the application runs.
 */
@Timeout(60)
class RedisStoresOverSocketTest {

    private static ServerConfig oneLoop() {
        return ServerConfig.builder().host("127.0.0.1").port(0).loops(1).executionMode(ExecutionMode.EVENT_LOOP)
                .accessLog(false).shutdownGrace(Duration.ofSeconds(2)).build();
    }

    private static Application instance(Redis redis, String prefix) {
        Session session = Session.builder().store(RedisSessionStore.builder().redis(redis)
                .prefix(prefix + "session:").build()).build();
        RateLimit limit = RateLimit.builder().requestsPerSecond(1.0 / 3600).burst(4)
                .store(RedisRateLimitStore.builder().redis(redis).prefix(prefix + "limit:").build()).build();
        Application withState = limit.wrap(session.wrap(RedisSessionStoreChecks.APP));
        return (scope, receive, send) -> scope instanceof RequestScope r && r.path().equals("/free")
                ? Response.text("free").respond(scope, send)
                : withState.call(scope, receive, send);
    }

    private static HttpResponse<String> get(HttpClient client, PagiServer server, String path, String cookie)
            throws Exception {
        return client.send(request(server, path, cookie), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(PagiServer server, String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30));
        return (cookie == null ? b : b.header("cookie", cookie)).build();
    }

    @Test
    void twoServersShareSessionsAndOneLimitOverTheWire() throws Exception {
        String prefix = "test:" + UUID.randomUUID() + ":";
        try (RedisServerProcess redis = RedisServerProcess.start();
                Redis first = Redis.connect(redis.url());
                Redis second = Redis.connect(redis.url());
                PagiServer a = PagiServer.start(instance(first, prefix), oneLoop());
                PagiServer b = PagiServer.start(instance(second, prefix), oneLoop());
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> login = get(client, a, "/login", null);
            String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
            String id = cookie.substring(cookie.indexOf('=') + 1);
            assertEquals("alice " + id, get(client, b, "/", cookie).body(), "B knows A's session");
            assertEquals(200, get(client, b, "/logout", cookie).statusCode());
            assertTrue(get(client, a, "/", cookie).body().startsWith("none "), "A sees B's logout");
            HttpResponse<String> over = get(client, b, "/", cookie);
            assertEquals(429, over.statusCode(), "the fifth request over both servers is over the burst of four");
            assertEquals(429, get(client, a, "/", cookie).statusCode());
        }
    }

    @Test
    void aRequestWaitingOnRedisNeverHoldsTheLoopAndGetsItsAnswerWhenRedisIsBack() throws Exception {
        String prefix = "test:" + UUID.randomUUID() + ":";
        try (RedisStoreFixture redis = RedisStoreFixture.debian();
                Redis connection = Redis.connect(redis.url(), Duration.ofSeconds(20));
                PagiServer server = PagiServer.start(instance(connection, prefix), oneLoop());
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            redis.freeze();
            CompletableFuture<HttpResponse<String>> waiting;
            try {
                waiting = client.sendAsync(request(server, "/", null), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> free = get(client, server, "/free", null);
                assertEquals("free", free.body(), "the loop serves others while a request waits on Redis");
                assertFalse(waiting.isDone(), "Redis is frozen: that request is still waiting");
            } finally {
                redis.thaw();
            }
            HttpResponse<String> answered = waiting.get(30, TimeUnit.SECONDS);
            assertEquals(200, answered.statusCode());
            assertTrue(answered.body().startsWith("none "), answered.body());
        }
    }
}
