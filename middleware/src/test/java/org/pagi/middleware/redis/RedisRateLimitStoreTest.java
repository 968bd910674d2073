package org.pagi.middleware.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pagi.wrappers.limit.TokenBucket;

/** The rate-limit checks on Debian's redis-server (never skipped), plus what the store refuses. */
class RedisRateLimitStoreTest extends RedisRateLimitStoreChecks {
    @Override
    RedisStoreFixture openFixture() {
        return RedisStoreFixture.debian();
    }

    @Test
    void aWindowTooLongToComputeExactlyFailsTheTakeByName() throws Exception {
        try (Redis redis = Redis.connect(fixture().url())) {
            RedisRateLimitStore store = RedisRateLimitStore.builder().redis(redis).build();
            TokenBucket huge = new TokenBucket(RedisRateLimitStore.MAX_WINDOW_NANOS, 2);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> store.takeAsync("k", huge, 1).toCompletableFuture().get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().startsWith("burst / rate"), e.getCause().getMessage());
        }
    }

    @Test
    void builderOptionsAreCheckedByName() {
        assertEquals("redis is required", assertThrows(IllegalArgumentException.class,
                () -> RedisRateLimitStore.builder().build()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RedisRateLimitStore.builder().prefix(""))
                .getMessage().startsWith("prefix"));
    }
}
