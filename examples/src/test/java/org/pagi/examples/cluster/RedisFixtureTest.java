package org.pagi.examples.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.middleware.redis.Redis;
import org.pagi.middleware.redis.RedisServerProcess;

/**
 * The examples' tests reach what several instances share: Debian's redis-server through the middleware's test jar
 * ({@link RedisServerProcess}) and the middleware's {@link Redis} client, with Lettuce on the examples' run-time
 * class path (which {@link ServerInstance} hands to every instance).
 */
@Timeout(30)
class RedisFixtureTest {
    @Test
    void aRedisServerFromTheMiddlewareTestJarAnswersTheMiddlewaresClient() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start(); Redis redis = Redis.connect(server.url())) {
            redis.async().set("pagi:examples:fixture", "shared").get(5, TimeUnit.SECONDS);
            assertEquals("shared", redis.async().get("pagi:examples:fixture").get(5, TimeUnit.SECONDS));
        }
    }
}
