package org.pagi.middleware.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same checks as {@link RedisSessionStoreTest} on {@code redis:7} in a container, frozen with {@code docker pause}.
 * Skipped, with Testcontainers' reason in the report, where there is no Docker engine; the Debian run never is.
 */
@Testcontainers(disabledWithoutDocker = true)
class RedisSessionStoreDockerTest extends RedisSessionStoreChecks {
    private static RedisStoreFixture fixture;

    @BeforeAll
    @SuppressWarnings("resource") // stopped by the fixture's close()
    static void start() {
        GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379)
                .withCommand("redis-server", "--save", "", "--appendonly", "no");
        redis.start();
        fixture = RedisStoreFixture.docker(redis);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Override
    RedisStoreFixture fixture() {
        return fixture;
    }
}
