package org.pagi.examples.ssedashboard;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.pagi.examples.chatshowcase.RedisChannels;
import org.pagi.wrappers.apps.Channel;

/** The dashboard's cross-instance checks on Debian's redis-server, each instance with its own Redis channel. */
class SseDashboardAcrossInstancesRedisTest extends SseDashboardAcrossInstancesChecks {
    @RegisterExtension
    final RedisChannels redis = new RedisChannels();

    @Override
    protected Channel instanceChannel() {
        return redis.open();
    }
}
