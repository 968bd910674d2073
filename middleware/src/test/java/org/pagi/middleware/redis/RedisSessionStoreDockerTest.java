package org.pagi.middleware.redis;

import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same checks as {@link RedisSessionStoreTest} on {@code redis:7} in a container, frozen with {@code docker pause}.
 * Skipped, with Testcontainers' reason in the report, where there is no Docker engine; the Debian run never is.
 */
@Testcontainers(disabledWithoutDocker = true)
class RedisSessionStoreDockerTest extends RedisSessionStoreChecks {
    @Override
    RedisStoreFixture openFixture() {
        return RedisStoreFixture.docker();
    }
}
