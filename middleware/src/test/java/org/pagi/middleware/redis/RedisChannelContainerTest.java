package org.pagi.middleware.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same channel contract as {@link RedisChannelTest} on the official {@code redis:7} image, for machines with a
 * Docker engine; skipped, with Testcontainers' reason in the report, where there is none. The Debian run never is.
 */
@Testcontainers(disabledWithoutDocker = true)
class RedisChannelContainerTest extends RedisChannelContractTest {
    private static GenericContainer<?> redis;

    @BeforeAll
    static void startRedis() {
        redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
        redis.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.stop();
        }
    }

    @Override
    String redisUrl() {
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
    }
}
