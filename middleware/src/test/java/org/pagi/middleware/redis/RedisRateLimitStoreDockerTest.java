package org.pagi.middleware.redis;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same checks as {@link RedisRateLimitStoreTest} on {@code redis:7} in a container, frozen with {@code docker pause}.
 * Skipped, with Testcontainers' reason in the report, where there is no Docker engine; the Debian run never is.
 */
@Testcontainers(disabledWithoutDocker = true)
class RedisRateLimitStoreDockerTest extends RedisRateLimitStoreChecks {
    @Override
    @SuppressWarnings("resource") // stopped by the fixture's close()
    RedisStoreFixture openFixture() {
        GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379)
                .withCommand("redis-server", "--save", "", "--appendonly", "no");
        redis.start();
        return RedisStoreFixture.docker(redis);
    }
}
