package org.pagi.middleware.redis;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What the store checks share: one Redis for the class (from {@link #openFixture()}), and per test two connections
 * standing for two instances of the application ("processes") and a fresh key prefix, so tests never see each
 * other's keys.
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RedisTwoInstances {

    private RedisStoreFixture fixture;
    /** The first instance's connection. */
    Redis first;
    /** The second instance's connection. */
    Redis second;
    /** This test's key prefix. */
    String prefix;

    /** @return a started Redis to run against, closed after the class */
    abstract RedisStoreFixture openFixture();

    @BeforeAll
    void startRedis() {
        fixture = openFixture();
    }

    @AfterAll
    void stopRedis() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void connectTwoInstances() {
        prefix = "test:" + UUID.randomUUID() + ":";
        first = Redis.connect(fixture.url(), RedisStoreFixture.COMMAND_TIMEOUT);
        second = Redis.connect(fixture.url(), RedisStoreFixture.COMMAND_TIMEOUT);
    }

    @AfterEach
    void closeConnections() {
        first.close();
        second.close();
    }

    /** @return the Redis of this class */
    RedisStoreFixture fixture() {
        return fixture;
    }
}
