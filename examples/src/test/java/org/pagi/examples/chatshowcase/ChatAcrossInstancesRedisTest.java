package org.pagi.examples.chatshowcase;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.pagi.wrappers.apps.Channel;

/** The cross-instance checks on Debian's redis-server, each instance with its own Redis channel. */
public class ChatAcrossInstancesRedisTest extends ChatAcrossInstancesChecks {
    @RegisterExtension
    final RedisChannels redis = new RedisChannels();

    @Override
    protected Channel instanceChannel() {
        return redis.open();
    }
}
