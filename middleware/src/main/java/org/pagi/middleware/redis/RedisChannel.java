package org.pagi.middleware.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.apps.ChannelException;
import org.pagi.wrappers.apps.ChannelHistory;
import org.pagi.wrappers.apps.ChannelMessage;
import org.pagi.wrappers.apps.ChannelPayload;
import org.pagi.wrappers.apps.ChannelPresence;
import org.pagi.wrappers.apps.ChannelSubscription;
import org.pagi.wrappers.apps.ChannelListener;

/**
 * The {@link Channel} of several processes sharing one Redis: publish and subscribe over Redis pub/sub, history on
 * Redis Streams, presence in sorted sets. Keys and channel names start with a prefix ({@code pagi:} by default):
 * {@code <prefix>topic:<topic>} (pub/sub), {@code <prefix>stream:<topic>} (history),
 * {@code <prefix>presence:<topic>} and {@code <prefix>presence-info:<topic>}, {@code <prefix>seq} (ids without
 * history).
 *
 * <p>A publish is one Lua script that appends to the topic's stream (trimmed to about {@link Builder#history}
 * entries) and publishes the same message with the stream id as its id, so live order, history order and ids agree
 * across processes. While Redis is down a publish fails at once with {@link ChannelException} naming the address:
 * nothing is queued. Subscriptions stay open through an outage and receive again when Redis is back (the client
 * re-subscribes by itself); what was published meanwhile failed for its publishers, and what reached Redis just
 * before is in the history, where a resuming client finds it.
 *
 * <p>Every stage completes on a virtual thread, never on the Redis client's event loop, so a caller may chain work
 * on it. {@link #close()} ends every subscription with {@link ChannelListener#onFailure}, removes this process's
 * presence and fails every later call.
 */
public final class RedisChannel implements Channel, AutoCloseable {
    /** The key and channel prefix unless {@link Builder#prefix} says otherwise. */
    public static final String DEFAULT_PREFIX = "pagi:";
    /** The stream length per topic unless {@link Builder#history} says otherwise. */
    public static final int DEFAULT_HISTORY = 1000;
    /** The largest {@link Builder#history}. */
    public static final int MAX_HISTORY = 1_000_000;
    /** The presence expiry unless {@link Builder#presenceTtl} says otherwise. */
    public static final Duration DEFAULT_PRESENCE_TTL = Duration.ofSeconds(30);
    /** Topics and patterns subscribed at once unless {@link Builder#maxTopics} says otherwise. */
    public static final int DEFAULT_MAX_TOPICS = 10_000;
    /** Undelivered messages per subscription unless {@link Builder#maxQueued} says otherwise. */
    public static final int DEFAULT_MAX_QUEUED = 10_000;

    private static final ThreadFactory VIRTUAL = Thread.ofVirtual().name("pagi-redis-channel-", 0).factory();
    private static final Executor CALLERS = task -> VIRTUAL.newThread(task).start();

    private final Redis redis;
    private final boolean ownsRedis;
    private final String prefix;
    private final int history;
    private final RedisChannelSubscriptions subscriptions;
    private final RedisChannelPresence presence;
    private volatile boolean closed;

    private RedisChannel(Builder b) {
        this.redis = b.redis;
        this.ownsRedis = b.ownsRedis;
        this.prefix = b.prefix;
        this.history = b.history;
        this.subscriptions = new RedisChannelSubscriptions(redis.connectPubSub(), prefix + "topic:", redis.address(),
                b.maxTopics, b.maxQueued, CALLERS);
        this.presence = new RedisChannelPresence(redis, prefix, b.presenceTtl, CALLERS);
    }

    /** @return a builder; {@link Builder#redis} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the key and channel prefix */
    public String prefix() {
        return prefix;
    }

    @Override
    public int historyLength() {
        return history;
    }

    /** @return how many received messages could not be decoded (foreign or damaged) and were skipped */
    public long damagedMessages() {
        return subscriptions.damagedMessages();
    }

    /** @return how many topics and patterns this channel subscribes to in Redis now */
    public int subscribedTopicCount() {
        return subscriptions.feedCount();
    }

    @Override
    public CompletionStage<ChannelMessage> publish(String topic, ChannelPayload payload) {
        ChannelMessage.checkTopic(topic);
        Objects.requireNonNull(payload, "payload");
        String what = "cannot publish on '" + topic + "'";
        if (closed) {
            return CompletableFuture.failedFuture(new ChannelException(what + ": the channel is closed"));
        }
        CompletionStage<String> id = RedisChannelScript.PUBLISH.run(redis,
                new String[] {prefix + "stream:" + topic, prefix + "seq"}, Integer.toString(history),
                prefix + "topic:" + topic, RedisChannelCodec.encode(payload));
        return settle(what, redis.address(), id.thenApply(i -> new ChannelMessage(topic, i, payload)), CALLERS);
    }

    @Override
    public CompletionStage<ChannelSubscription> subscribe(String topic, ChannelListener listener) {
        ChannelMessage.checkTopic(topic);
        Objects.requireNonNull(listener, "listener");
        return subscriptions.subscribe(topic, listener);
    }

    @Override
    public CompletionStage<ChannelSubscription> subscribePattern(String pattern, ChannelListener listener) {
        ChannelMessage.checkTopic(pattern);
        Objects.requireNonNull(listener, "listener");
        return subscriptions.subscribePattern(pattern, listener);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Truncated also when {@code afterId} is not a stream id of this channel or is older than the oldest entry
     * kept (the entries between may have been trimmed), and when the topic's stream is gone (a Redis that restarted
     * empty). Entries that cannot be decoded are skipped and make the history truncated.
     */
    @Override
    public CompletionStage<ChannelHistory> history(String topic, Optional<String> afterId, int limit) {
        Objects.requireNonNull(afterId, "afterId");
        if (history == 0) {
            return Channel.super.history(topic, afterId, limit);
        }
        ChannelMessage.checkTopic(topic);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, got " + limit);
        }
        String what = "cannot read the history of '" + topic + "'";
        if (closed) {
            return CompletableFuture.failedFuture(new ChannelException(what + ": the channel is closed"));
        }
        String after = afterId.filter(RedisChannelCodec::isStreamId).orElse("");
        boolean unknownId = afterId.isPresent() && after.isEmpty();
        CompletionStage<List<Object>> read = RedisChannelScript.HISTORY.run(redis,
                new String[] {prefix + "stream:" + topic}, after, Integer.toString(limit + 1));
        return settle(what, redis.address(), read.thenApply(flat -> {
            String oldest = (String) flat.get(0);
            int found = (flat.size() - 1) / 2;
            boolean truncated = unknownId || found > limit || (!after.isEmpty()
                    && (oldest.isEmpty() || RedisChannelCodec.compareStreamIds(after, oldest) < 0));
            List<ChannelMessage> messages = new ArrayList<>(Math.min(found, limit));
            for (int i = Math.min(found, limit) - 1; i >= 0; i--) { // newest first in the reply
                String id = (String) flat.get(1 + 2 * i);
                try {
                    messages.add(new ChannelMessage(topic, id, RedisChannelCodec.decode((String) flat.get(2 + 2 * i))));
                } catch (RuntimeException damaged) {
                    truncated = true;
                }
            }
            return new ChannelHistory(messages, truncated);
        }), CALLERS);
    }

    @Override
    public CompletionStage<ChannelPresence> enter(String topic, String member, String info) {
        if (closed) {
            ChannelMessage.checkTopic(topic);
            return CompletableFuture.failedFuture(new ChannelException("cannot enter '" + topic
                    + "': the channel is closed"));
        }
        return presence.enter(topic, member, info);
    }

    @Override
    public CompletionStage<SortedMap<String, String>> members(String topic) {
        if (closed) {
            ChannelMessage.checkTopic(topic);
            return CompletableFuture.failedFuture(new ChannelException("cannot list '" + topic
                    + "': the channel is closed"));
        }
        return presence.members(topic);
    }

    /**
     * Ends every subscription with {@code onFailure}, removes this process's members (waiting at most the command
     * timeout; what is left expires), fails later calls, and closes the {@link Redis} if the channel opened it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriptions.close();
        presence.close(Redis.DEFAULT_COMMAND_TIMEOUT);
        if (ownsRedis) {
            redis.close();
        }
    }

    /**
     * @return {@code stage} completed on {@code callers}, a failure turned into a {@link ChannelException} saying
     *     {@code what} and naming the Redis address (one that already is a {@link ChannelException} is kept)
     */
    static <T> CompletionStage<T> settle(String what, String address, CompletionStage<T> stage, Executor callers) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> callers.execute(() -> {
            if (failure == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(storeFailure(what, address, failure));
            }
        }));
        return out;
    }

    /** @return a {@link ChannelException} saying {@code what} failed in Redis at {@code address}, and why */
    static ChannelException storeFailure(String what, String address, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ChannelException known) {
            return known;
        }
        return new ChannelException(what + ": Redis at " + address + " failed: " + Redis.rootMessage(cause), cause);
    }

    /** Sets the channel up; every value is checked when set, naming the setting. */
    public static final class Builder {
        private Redis redis;
        private boolean ownsRedis;
        private String prefix = DEFAULT_PREFIX;
        private int history = DEFAULT_HISTORY;
        private Duration presenceTtl = DEFAULT_PRESENCE_TTL;
        private int maxTopics = DEFAULT_MAX_TOPICS;
        private int maxQueued = DEFAULT_MAX_QUEUED;

        private Builder() {
        }

        /**
         * @param value the connection to use; the channel does not close it (several channels and stores may share
         *              one)
         * @return this
         */
        public Builder redis(Redis value) {
            this.redis = Objects.requireNonNull(value, "redis");
            this.ownsRedis = false;
            return this;
        }

        /** The provider's case: a connection opened for this channel alone, closed with it. */
        Builder ownedRedis(Redis value) {
            redis(value);
            this.ownsRedis = true;
            return this;
        }

        /**
         * @param value what every key and channel name starts with, so that applications can share one Redis: at
         *              most 64 characters, no control character, may be empty
         * @return this
         */
        public Builder prefix(String value) {
            Objects.requireNonNull(value, "prefix");
            if (value.length() > 64) {
                throw new IllegalArgumentException("prefix must be at most 64 characters, got " + value.length());
            }
            for (int i = 0; i < value.length(); i++) {
                if (Character.isISOControl(value.charAt(i))) {
                    throw new IllegalArgumentException("prefix contains a control character at index " + i);
                }
            }
            this.prefix = value;
            return this;
        }

        /**
         * @param value how many messages per topic the stream keeps, about ({@code MAXLEN ~}): 0 (no history;
         *              ids from a counter) to {@value #MAX_HISTORY}
         * @return this
         */
        public Builder history(int value) {
            if (value < 0 || value > MAX_HISTORY) {
                throw new IllegalArgumentException("history must be 0 to " + MAX_HISTORY + ", got " + value);
            }
            this.history = value;
            return this;
        }

        /**
         * @param value how long a member stays listed after its process stopped renewing it (renewed every third
         *              of it): 100 ms to 1 day
         * @return this
         */
        public Builder presenceTtl(Duration value) {
            Objects.requireNonNull(value, "presenceTtl");
            if (value.toMillis() < 100 || value.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("presenceTtl must be 100 ms to 1 day, got " + value);
            }
            this.presenceTtl = value;
            return this;
        }

        /**
         * @param value how many topics and patterns may be subscribed at once, 1 or more; a subscription that
         *              would open one more fails naming {@code maxTopics}
         * @return this
         */
        public Builder maxTopics(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxTopics must be 1 or more, got " + value);
            }
            this.maxTopics = value;
            return this;
        }

        /**
         * @param value how many messages may wait for one subscription's listener, 1 or more; beyond, the
         *              subscription ends with {@code onFailure} naming {@code maxQueued}
         * @return this
         */
        public Builder maxQueued(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxQueued must be 1 or more, got " + value);
            }
            this.maxQueued = value;
            return this;
        }

        /**
         * @return the channel, with its pub/sub connection open
         * @throws IllegalStateException when {@link #redis} was not set
         * @throws RedisUnavailableException naming the address when Redis does not answer
         */
        public RedisChannel build() {
            if (redis == null) {
                throw new IllegalStateException("redis must be set");
            }
            return new RedisChannel(this);
        }
    }
}
