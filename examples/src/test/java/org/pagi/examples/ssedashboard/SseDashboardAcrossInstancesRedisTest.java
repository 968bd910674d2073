package org.pagi.examples.ssedashboard;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.pagi.examples.chatshowcase.RedisChannels;
import org.pagi.wrappers.apps.Channel;

/** The dashboard's cross-instance checks on Debian's redis-server, each instance with its own Redis channel. */
class SseDashboardAcrossInstancesRedisTest extends SseDashboardAcrossInstancesChecks {
    private RedisChannels redis;

    @BeforeEach
    void startRedis() {
        redis = new RedisChannels();
    }

    @AfterEach
    void stopRedis() {
        closeSessionClients(); // the instances first, while their channels still answer
        redis.close();
    }

    @Override
    protected Channel instanceChannel() {
        return redis.open();
    }
}
