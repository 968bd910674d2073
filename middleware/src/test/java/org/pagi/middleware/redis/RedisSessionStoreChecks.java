package org.pagi.middleware.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pagi.middleware.Session;
import org.pagi.middleware.SessionData;
import org.pagi.middleware.SessionStore;
import org.pagi.spec.Application;
import org.pagi.spec.RequestScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.response.Response;

/**
 * The Redis session store as two instances of one application use it: each with its own connection ("process")
 * to one Redis. Run against Debian's redis-server ({@link RedisSessionStoreTest}) and, with Docker, {@code redis:7}.
 */
abstract class RedisSessionStoreChecks extends RedisTwoInstances {

    /** /login regenerates and sets user alice, /logout destroys, anything else reads. Answers "user id". */
    static final Application APP = (scope, receive, send) -> {
        SessionData s = Session.of(scope).orElseThrow();
        switch (((RequestScope) scope).path()) {
            case "/login" -> {
                s.regenerate();
                s.set("user", "alice");
            }
            case "/logout" -> s.destroy();
            default -> {
            }
        }
        return Response.text(s.get("user").orElse("none") + " " + s.id()).respond(scope, send);
    };

    static final Duration IDLE = Duration.ofMinutes(10);

    TestClient instanceA;
    TestClient instanceB;

    @BeforeEach
    void twoInstances() {
        instanceA = TestClient.of(session(first).wrap(APP));
        instanceB = TestClient.of(session(second).wrap(APP));
    }

    Session session(Redis redis) {
        return Session.builder().idleTimeout(IDLE).store(store(redis)).build();
    }

    RedisSessionStore store(Redis redis) {
        return RedisSessionStore.builder().redis(redis).prefix(prefix).idleTimeout(IDLE).build();
    }

    static String token(TestResponse res) {
        String header = res.headers().all("set-cookie").stream().filter(h -> h.startsWith("pagi_session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + res.headers()));
        return header.substring("pagi_session=".length(), header.indexOf(';'));
    }

    /** A request carrying exactly {@code token} (the client's jar would otherwise send what it last got). */
    static TestResponse get(TestClient instance, String path, String token) {
        instance.cookies().set("pagi_session", token);
        return instance.get(path).send();
    }

    static void assertUnavailable(TestResponse res) {
        assertEquals(503, res.status(), res.text());
        assertEquals(Optional.of("1"), res.header("retry-after"));
        assertEquals(Session.UNAVAILABLE_BODY, res.text());
        assertTrue(res.headers().all("set-cookie").isEmpty(), "no new session, no cleared one: " + res.headers());
    }

    @Test
    void aSessionStartedOnOneInstanceIsValidOnTheOtherAndLogoutOnEitherIsSeenByBoth() {
        String token = token(get(instanceA, "/login", "none"));
        assertEquals("alice " + token, get(instanceB, "/", token).text());
        assertEquals("alice " + token, get(instanceA, "/", token).text());
        TestResponse out = get(instanceB, "/logout", token);
        assertTrue(out.headers().first("set-cookie").orElseThrow().contains("Max-Age=0"), out.headers().toString());
        assertTrue(get(instanceA, "/", token).text().startsWith("none "), "instance A sees the logout");
        assertTrue(get(instanceB, "/", token).text().startsWith("none "));
    }

    @Test
    void loginOnOneInstanceInvalidatesTheOldIdOnTheOther() {
        String before = token(get(instanceA, "/login", "none"));
        String after = token(get(instanceB, "/login", before));
        assertTrue(get(instanceA, "/", before).text().startsWith("none "), "the id from before login is gone");
        assertEquals("alice " + after, get(instanceA, "/", after).text());
    }

    @Test
    void theKeyHoldsTheRecordAndExpiresAfterTheIdleTimeout() throws Exception {
        String token = token(get(instanceA, "/login", "none"));
        long ttl = first.async().pttl(prefix + token).get(5, TimeUnit.SECONDS);
        assertTrue(ttl > 0 && ttl <= IDLE.toMillis(), "PTTL " + ttl);
        Optional<SessionStore.Record> record = store(second).loadAsync(token).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertEquals(Map.of("user", "alice"), record.orElseThrow().data());
        assertEquals(token, record.get().id());
    }

    @Test
    void tokensThisStoreDidNotIssueLoadAsNoSession() throws Exception {
        first.async().set(prefix + "AAAAAAAAAAAAAAAAAAAAAA", "not a record").get(5, TimeUnit.SECONDS);
        for (String forged : new String[] {"AAAAAAAAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBBBBBBBB", "../../etc",
                "x".repeat(3000)}) {
            TestResponse res = get(instanceA, "/", forged);
            assertEquals(200, res.status());
            assertTrue(res.text().startsWith("none "), forged + ": " + res.text());
        }
    }

    @Test
    void whileRedisDoesNotAnswerRequestsGet503AndTheSessionIsValidAfterwards() throws Exception {
        String token = token(get(instanceA, "/login", "none"));
        fixture().freeze();
        try {
            assertUnavailable(get(instanceA, "/", token));
            assertUnavailable(get(instanceB, "/logout", token));
            assertUnavailable(instanceB.get("/login").send());
        } finally {
            fixture().thaw();
        }
        assertEquals("alice " + token, awaitAnswer(instanceB, token).text(), "not logged out by the outage");
        assertEquals("alice " + token, get(instanceA, "/", token).text());
    }

    /** @return the first answer other than 503 once Redis answers again (the client reconnects by itself) */
    static TestResponse awaitAnswer(TestClient instance, String token) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        TestResponse res = get(instance, "/", token);
        while (res.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            res = get(instance, "/", token);
        }
        return res;
    }
}
