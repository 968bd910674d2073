package org.pagi.wrappers.apps;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process {@link Channel}: thread-safe, lock per topic, no thread of its own. A publish delivers on the
 * publisher's thread, under the topic's lock, so every subscriber sees a topic's messages in one order and
 * listeners must not block (see {@link ChannelListener}); a listener that throws is unsubscribed and told through
 * {@link ChannelListener#onFailure}, and the others still receive the message.
 *
 * <p>A topic exists while it has subscribers: publishing on a topic nobody listens to costs nothing and keeps
 * nothing. At most {@link #maxTopics()} topics have subscribers at once (default {@value #DEFAULT_MAX_TOPICS});
 * a subscription that would open one more fails with {@link ChannelException}, so topic names taken from clients
 * cannot grow the map without bound. Ids are {@code <start time in base 36>-<sequence>}: unique also across a
 * restart, so a {@code Last-Event-ID} from before one never matches a new message.
 *
 * <p>{@link #close()} fails every later publish and subscription and ends every open one with
 * {@link ChannelListener#onFailure}.
 */
public final class InMemoryChannel implements Channel, AutoCloseable {
    /** The number of topics with subscribers unless {@link Builder#maxTopics} says otherwise. */
    public static final int DEFAULT_MAX_TOPICS = 10_000;

    private static final System.Logger LOG = System.getLogger(InMemoryChannel.class.getName());

    private final int maxTopics;
    private final String epoch = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private InMemoryChannel(Builder b) {
        this.maxTopics = b.maxTopics;
    }

    /** @return a channel with the defaults */
    public static InMemoryChannel create() {
        return builder().build();
    }

    /** @return a builder, to set {@code maxTopics} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return how many topics may have subscribers at once */
    public int maxTopics() {
        return maxTopics;
    }

    /** @return how many topics have subscribers now */
    public int topicCount() {
        return topics.size();
    }

    /** @return how many subscriptions are open on {@code topic} */
    public int subscriberCount(String topic) {
        Topic t = topics.get(topic);
        return t == null ? 0 : t.size();
    }

    @Override
    public CompletionStage<ChannelMessage> publish(String topic, ChannelPayload payload) {
        ChannelMessage.checkTopic(topic);
        Objects.requireNonNull(payload, "payload");
        if (closed) {
            return CompletableFuture.failedFuture(new ChannelException("cannot publish on '" + topic
                    + "': the channel is closed"));
        }
        Topic t = topics.get(topic);
        if (t == null) {
            return CompletableFuture.completedFuture(new ChannelMessage(topic, nextId(), payload));
        }
        return CompletableFuture.completedFuture(t.publish(payload));
    }

    @Override
    public CompletionStage<ChannelSubscription> subscribe(String topic, ChannelListener listener) {
        ChannelMessage.checkTopic(topic);
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            return CompletableFuture.failedFuture(new ChannelException("cannot subscribe to '" + topic
                    + "': the channel is closed"));
        }
        Subscription sub = new Subscription(topic, listener);
        Topic joined = topics.compute(topic, (name, t) -> {
            if (t == null) {
                if (topics.size() >= maxTopics) {
                    return null;
                }
                t = new Topic(name);
            }
            t.add(sub);
            return t;
        });
        if (joined == null) {
            return CompletableFuture.failedFuture(new ChannelException("cannot subscribe to '" + topic + "': "
                    + maxTopics + " topics have subscribers already (maxTopics)"));
        }
        if (closed) { // close() may have swept the topics before this one joined
            sub.fail(new ChannelException("the channel was closed"));
            return CompletableFuture.failedFuture(new ChannelException("cannot subscribe to '" + topic
                    + "': the channel is closed"));
        }
        return CompletableFuture.completedFuture(sub);
    }

    /** Fails later publishes and subscriptions, and ends every open subscription with {@code onFailure}. */
    @Override
    public void close() {
        closed = true;
        for (Topic t : List.copyOf(topics.values())) {
            for (Subscription sub : t.snapshot()) {
                sub.fail(new ChannelException("the channel was closed"));
            }
        }
    }

    private String nextId() {
        return epoch + "-" + sequence.incrementAndGet();
    }

    /**
     * One topic's subscribers. Its lock orders the deliveries and nothing else: joining and leaving go through the
     * map's {@code compute} without it, so a listener that unsubscribes (or a subscriber that arrives) while a
     * publish holds it cannot deadlock with the map.
     */
    private final class Topic {
        private final String name;
        private final List<Subscription> subs = new CopyOnWriteArrayList<>();

        Topic(String name) {
            this.name = name;
        }

        void add(Subscription sub) {
            subs.add(sub);
        }

        boolean remove(Subscription sub) {
            subs.remove(sub);
            return subs.isEmpty();
        }

        int size() {
            return subs.size();
        }

        List<Subscription> snapshot() {
            return List.copyOf(subs);
        }

        synchronized ChannelMessage publish(ChannelPayload payload) {
            ChannelMessage message = new ChannelMessage(name, nextId(), payload);
            for (Subscription sub : subs) {
                sub.deliver(message);
            }
            return message;
        }
    }

    private final class Subscription implements ChannelSubscription {
        private final String topic;
        private final ChannelListener listener;
        private final AtomicBoolean open = new AtomicBoolean(true);

        Subscription(String topic, ChannelListener listener) {
            this.topic = topic;
            this.listener = listener;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public boolean isOpen() {
            return open.get();
        }

        @Override
        public CompletionStage<Void> close() {
            if (open.compareAndSet(true, false)) {
                leave();
            }
            return CompletableFuture.completedFuture(null);
        }

        void deliver(ChannelMessage message) {
            if (!open.get()) {
                return;
            }
            try {
                listener.onMessage(message);
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        void fail(Throwable cause) {
            if (!open.compareAndSet(true, false)) {
                return;
            }
            leave();
            try {
                listener.onFailure(cause);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a channel listener on '" + topic + "' failed in onFailure", e);
            }
        }

        private void leave() {
            topics.computeIfPresent(topic, (name, t) -> t.remove(this) ? null : t);
        }
    }

    /** Sets the channel's limit; every value is checked when set, naming the setting. */
    public static final class Builder {
        private int maxTopics = DEFAULT_MAX_TOPICS;

        private Builder() {
        }

        /**
         * @param value how many topics may have subscribers at once, 1 or more
         * @return this
         * @throws IllegalArgumentException naming {@code maxTopics} when below 1
         */
        public Builder maxTopics(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxTopics must be 1 or more, got " + value);
            }
            this.maxTopics = value;
            return this;
        }

        /** @return the channel */
        public InMemoryChannel build() {
            return new InMemoryChannel(this);
        }
    }
}
