package org.pagi.middleware.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pagi.testing.TestResponse;

/** The session checks on Debian's redis-server (never skipped), plus Redis killed outright. */
class RedisSessionStoreTest extends RedisSessionStoreChecks {
    @Override
    RedisStoreFixture openFixture() {
        return RedisStoreFixture.debian();
    }

    @Test
    void whenRedisIsKilledRequestsGet503NotANewSessionAndServiceResumesWhenItIsBack() throws Exception {
        try (RedisServerProcess own = RedisServerProcess.start();
                Redis redis = Redis.connect(own.url(), RedisStoreFixture.COMMAND_TIMEOUT)) {
            var instance = org.pagi.testing.TestClient.of(session(redis).wrap(APP));
            String token = token(get(instance, "/login", "none"));
            own.stop();
            assertUnavailable(get(instance, "/", token));
            assertUnavailable(instance.get("/login").send());
            own.restart();
            // Persistence is off here, so the restarted Redis is empty: the old session is gone, and only then
            // does the user get a new one (the frozen-Redis check shows a session outliving an outage).
            TestResponse back = awaitAnswer(instance, token);
            assertEquals(200, back.status());
            assertTrue(back.text().startsWith("none "), back.text());
        }
    }

    @Test
    void builderOptionsAreCheckedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RedisSessionStore.builder().build())
                .getMessage().startsWith("redis"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RedisSessionStore.builder().prefix(""))
                .getMessage().startsWith("prefix"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RedisSessionStore.builder().idleTimeout(java.time.Duration.ZERO)).getMessage()
                .startsWith("idleTimeout"));
    }
}
