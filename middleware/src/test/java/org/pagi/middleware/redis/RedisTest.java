package org.pagi.middleware.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shared connection: the startup error names the address, and commands fail rather than wait while Redis is down. */
@Timeout(60)
class RedisTest {
    @Test
    void anUnreachableRedisAtStartupIsAClearErrorNamingTheAddress() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closed = port;
        RedisUnavailableException e = assertThrows(RedisUnavailableException.class,
                () -> Redis.connect("redis://127.0.0.1:" + closed, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().startsWith("Redis at 127.0.0.1:" + closed + " is unreachable"), e.getMessage());
    }

    @Test
    void aMalformedUrlIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Redis.connect("nope://x:y:z"));
        assertTrue(e.getMessage().contains("nope://x:y:z"), e.getMessage());
    }

    @Test
    void whileRedisIsDownCommandsFailAtOnceAndWorkAgainWhenItIsBack() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start();
                Redis redis = Redis.connect(server.url(), Duration.ofSeconds(1))) {
            assertEquals("OK", redis.async().set("k", "v").get(5, TimeUnit.SECONDS));
            server.stop();
            ExecutionException down = assertThrows(ExecutionException.class,
                    () -> redis.async().get("k").get(5, TimeUnit.SECONDS));
            assertTrue(down.getCause() instanceof RuntimeException, String.valueOf(down.getCause()));
            server.restart();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String got = null;
            while (got == null && System.nanoTime() < deadline) {
                try {
                    redis.async().set("k", "again").get(5, TimeUnit.SECONDS);
                    got = redis.async().get("k").get(5, TimeUnit.SECONDS);
                } catch (ExecutionException notYet) {
                    Thread.sleep(100);
                }
            }
            assertEquals("again", got, "the client reconnected by itself");
        }
    }
}
