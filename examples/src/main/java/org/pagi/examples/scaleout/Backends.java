package org.pagi.examples.scaleout;

import org.pagi.middleware.MemorySessionStore;
import org.pagi.middleware.SessionStore;
import org.pagi.middleware.redis.Redis;
import org.pagi.middleware.redis.RedisChannel;
import org.pagi.middleware.redis.RedisRateLimitStore;
import org.pagi.middleware.redis.RedisSessionStore;
import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.apps.InMemoryChannel;
import org.pagi.wrappers.limit.RateLimitStore;

/**
 * Where the shared state lives: all in this process ({@link #memory()}), or all in one Redis ({@link #redis}).
 *
 * @param channel  the chat's and the feed's channel
 * @param sessions the login sessions
 * @param limits   the rate limit's buckets
 * @param closer   releases the connections at shutdown
 */
record Backends(Channel channel, SessionStore sessions, RateLimitStore limits, AutoCloseable closer) {
    static Backends memory() {
        InMemoryChannel channel = InMemoryChannel.create();
        return new Backends(channel, MemorySessionStore.builder().build(), RateLimitStore.inMemory(10_000), channel);
    }

    /**
     * @param url {@code redis://host:port}
     * @throws org.pagi.middleware.redis.RedisUnavailableException naming the address when Redis does not answer
     */
    static Backends redis(String url) {
        Redis redis = Redis.connect(url);
        RedisChannel channel = RedisChannel.builder().redis(redis).prefix("scaleout:").history(1000).build();
        return new Backends(channel,
                RedisSessionStore.builder().redis(redis).prefix("scaleout:session:").build(),
                RedisRateLimitStore.builder().redis(redis).prefix("scaleout:rate:").build(),
                () -> {
                    channel.close();
                    redis.close();
                });
    }

    void close() {
        try {
            closer.close();
        } catch (Exception e) {
            System.getLogger(Backends.class.getName()).log(System.Logger.Level.WARNING, "closing the backends", e);
        }
    }
}
