package org.pagi.middleware.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.pagi.wrappers.apps.ChannelException;
import org.pagi.wrappers.apps.ChannelListener;
import org.pagi.wrappers.apps.ChannelMessage;
import org.pagi.wrappers.apps.ChannelSubscription;

/**
 * The subscriptions of one {@link RedisChannel} over its one pub/sub connection: a topic (or pattern) is
 * subscribed in Redis once however many listeners share it, and unsubscribed when the last one leaves. Lettuce
 * delivers on its event loop; each message is decoded there once and queued to every listener's
 * {@link RedisChannelSubscription}, which calls its listener on a virtual thread, one message at a time, in order.
 *
 * <p>When Redis is lost, the connection reconnects and re-subscribes by itself, so the subscriptions stay open.
 */
final class RedisChannelSubscriptions extends RedisPubSubAdapter<String, String> {
    private static final System.Logger LOG = System.getLogger(RedisChannel.class.getName());

    private final StatefulRedisPubSubConnection<String, String> connection;
    private final String channelPrefix;
    private final String address;
    private final int maxTopics;
    private final int maxQueued;
    private final Executor deliveries;
    /** Key: {@code t:} + Redis channel, or {@code p:} + Redis pattern. */
    private final ConcurrentHashMap<String, Feed> feeds = new ConcurrentHashMap<>();
    private final AtomicLong damaged = new AtomicLong();
    private volatile boolean closed;

    RedisChannelSubscriptions(StatefulRedisPubSubConnection<String, String> connection, String channelPrefix,
            String address, int maxTopics, int maxQueued, Executor deliveries) {
        this.connection = connection;
        this.channelPrefix = channelPrefix;
        this.address = address;
        this.maxTopics = maxTopics;
        this.maxQueued = maxQueued;
        this.deliveries = deliveries;
        connection.addListener(this);
    }

    /** One Redis subscription (a channel or a pattern) and the listeners sharing it. */
    static final class Feed {
        final String key;
        final String redisName;
        final boolean pattern;
        final List<RedisChannelSubscription> subs = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        CompletionStage<Void> command;

        Feed(String key, String redisName, boolean pattern) {
            this.key = key;
            this.redisName = redisName;
            this.pattern = pattern;
        }
    }

    CompletionStage<ChannelSubscription> subscribe(String topic, ChannelListener listener) {
        return open(topic, false, channelPrefix + topic, listener);
    }

    CompletionStage<ChannelSubscription> subscribePattern(String glob, ChannelListener listener) {
        return open(glob, true, escapeAll(channelPrefix) + redisGlob(glob), listener);
    }

    /** @return how many messages could not be decoded (foreign or damaged), each skipped */
    long damagedMessages() {
        return damaged.get();
    }

    /** @return how many topics and patterns are subscribed in Redis now */
    int feedCount() {
        return feeds.size();
    }

    private CompletionStage<ChannelSubscription> open(String name, boolean pattern, String redisName,
            ChannelListener listener) {
        String what = (pattern ? "cannot subscribe to pattern '" : "cannot subscribe to '") + name + "'";
        if (closed) {
            return CompletableFuture.failedFuture(new ChannelException(what + ": the channel is closed"));
        }
        String key = (pattern ? "p:" : "t:") + redisName;
        RedisChannelSubscription sub = new RedisChannelSubscription(name, pattern, listener, this, maxQueued,
                deliveries);
        Feed[] created = new Feed[1];
        Feed feed = feeds.compute(key, (k, f) -> {
            if (f == null) {
                if (feeds.size() >= maxTopics) {
                    return null;
                }
                f = new Feed(k, redisName, pattern);
                // issued under the map's lock, so a concurrent last-leave's UNSUBSCRIBE cannot overtake it
                f.command = command(pattern ? "PSUBSCRIBE" : "SUBSCRIBE", redisName);
                created[0] = f;
            }
            f.subs.add(sub);
            sub.feed = f;
            return f;
        });
        if (feed == null) {
            return CompletableFuture.failedFuture(new ChannelException(what + ": " + maxTopics
                    + " topics and patterns are subscribed already (maxTopics)"));
        }
        if (created[0] != null) {
            Feed f = created[0];
            f.command.whenComplete((ok, failure) -> {
                if (failure == null) {
                    f.ready.complete(null);
                } else {
                    feeds.remove(f.key, f);
                    f.ready.completeExceptionally(RedisChannel.storeFailure(what, address, failure));
                }
            });
        }
        CompletableFuture<ChannelSubscription> result = new CompletableFuture<>();
        feed.ready.whenCompleteAsync((ok, failure) -> {
            if (failure != null) {
                sub.dropSilently();
                result.completeExceptionally(failure);
            } else if (closed) {
                sub.fail(new ChannelException("the channel was closed"));
                result.completeExceptionally(new ChannelException(what + ": the channel is closed"));
            } else {
                result.complete(sub);
            }
        }, deliveries);
        return result;
    }

    /** Removes {@code sub} from its feed; the last one out unsubscribes the feed in Redis. */
    void leave(RedisChannelSubscription sub) {
        Feed feed = sub.feed;
        feeds.computeIfPresent(feed.key, (k, f) -> {
            if (f != feed) {
                return f;
            }
            f.subs.remove(sub);
            if (!f.subs.isEmpty()) {
                return f;
            }
            if (!closed) {
                // under the map's lock, for the same reason as the SUBSCRIBE; a failure (Redis down) is harmless:
                // messages on a topic nobody subscribes to are ignored
                command(f.pattern ? "PUNSUBSCRIBE" : "UNSUBSCRIBE", f.redisName);
            }
            return null;
        });
    }

    /** @return the command's stage; one the client refuses at once (closed) is a failed stage, not a throw */
    private CompletionStage<Void> command(String name, String redisName) {
        try {
            return switch (name) {
                case "SUBSCRIBE" -> connection.async().subscribe(redisName);
                case "PSUBSCRIBE" -> connection.async().psubscribe(redisName);
                case "UNSUBSCRIBE" -> connection.async().unsubscribe(redisName);
                default -> connection.async().punsubscribe(redisName);
            };
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    @Override
    public void message(String channel, String message) {
        Feed feed = feeds.get("t:" + channel);
        if (feed != null) {
            deliver(feed, channel, message);
        }
    }

    @Override
    public void message(String pattern, String channel, String message) {
        Feed feed = feeds.get("p:" + pattern);
        if (feed != null) {
            deliver(feed, channel, message);
        }
    }

    private void deliver(Feed feed, String channel, String wire) {
        ChannelMessage decoded;
        try {
            if (!channel.startsWith(channelPrefix)) {
                throw new IllegalArgumentException("not a channel of prefix '" + channelPrefix + "'");
            }
            decoded = RedisChannelCodec.decodePublished(channel.substring(channelPrefix.length()), wire);
        } catch (RuntimeException e) {
            // a foreign or damaged message: skip it, keep the subscription; say so once, loudly
            long n = damaged.incrementAndGet();
            String line = "skipped a message on Redis channel '" + channel + "' that is not a channel message ("
                    + e.getMessage() + "); " + n + " so far, later ones are logged at DEBUG";
            LOG.log(n == 1 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                    line.replaceAll("\\p{Cntrl}", "?")); // the names and contents are foreign: one log line
            return;
        }
        for (RedisChannelSubscription sub : feed.subs) {
            sub.enqueue(decoded);
        }
    }

    /** Ends every subscription with {@code onFailure} and closes the connection. */
    void close() {
        closed = true;
        for (Feed feed : List.copyOf(feeds.values())) {
            for (RedisChannelSubscription sub : feed.subs) {
                sub.fail(new ChannelException("the channel was closed"));
            }
        }
        if (connection.isOpen()) {
            connection.close();
        }
    }

    /** @return {@code glob} for PSUBSCRIBE: {@code *} kept; {@code ?} widened to {@code *}, since Redis's matches one
     *     byte and a character may take several (each subscription then checks the topic itself); the rest literal */
    static String redisGlob(String glob) {
        StringBuilder out = new StringBuilder(glob.length() + 8);
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*', '?' -> out.append('*');
                case '[', ']', '\\' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** @return {@code literal} as a Redis glob matching only itself */
    static String escapeAll(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 4);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
