package org.pagi.wrappers.apps;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process {@link Channel}, with every optional capability: thread-safe, no thread of its own. A publish
 * delivers on the publisher's thread, under a lock for its topic (one of 64, chosen by the
 * topic's hash), so every subscriber sees a topic's messages in one order and listeners must not block (see
 * {@link ChannelListener}); a listener that throws is unsubscribed and told through
 * {@link ChannelListener#onFailure}, and the others still receive the message.
 *
 * <p>A topic's subscriber list exists while it has subscribers: publishing on a topic nobody listens to (and no
 * pattern matches, and without history) costs nothing and keeps nothing. At most {@link #maxTopics()} topics
 * have subscribers at once (default {@value #DEFAULT_MAX_TOPICS}); a subscription that would open one more fails
 * with {@link ChannelException}, so topic names taken from clients cannot grow the map without bound. Ids are
 * {@code <start time in base 36>-<sequence>}: unique also across a restart, so a {@code Last-Event-ID} from before
 * one never matches a new message.
 *
 * <p>The optional capabilities, each bounded by a builder setting refused by name:
 * <ul>
 *   <li>{@link #subscribePattern}: a {@link TopicGlob}; at most {@code maxPatterns} open at once. A pattern
 *       subscription is called one thread at a time through a serial hand-off ({@link InMemoryPatterns}): its
 *       messages from one topic arrive in publish order, from concurrent topics one after the other.</li>
 *   <li>{@link #history}: with {@code history(n)}, the last {@code n} messages of each topic, subscribed or not,
 *       for at most {@code maxTopics} topics, the least recently published one forgotten first
 *       ({@link InMemoryHistory} says when a history is {@code truncated}).</li>
 *   <li>{@link #enter}/{@link #members}: at most {@code maxMembers} per topic and {@code maxTopics} topics with
 *       members ({@link InMemoryPresence}); nothing expires, since the members live and die with the process.</li>
 * </ul>
 *
 * <p>{@link #close()} fails every later call, ends every open subscription with
 * {@link ChannelListener#onFailure}, and removes every member.
 *
 * <p>The file is just over 400 lines: the channel's own work (topics, subscriptions, ids, close) stays here, each
 * capability's state lives in its own file, and what remains beyond the limit is the builder's four documented,
 * checked settings.
 */
public final class InMemoryChannel implements Channel, AutoCloseable {
    /** The number of topics with subscribers (and with history, and with members) unless set otherwise. */
    public static final int DEFAULT_MAX_TOPICS = 10_000;
    /** The number of open pattern subscriptions unless {@link Builder#maxPatterns} says otherwise. */
    public static final int DEFAULT_MAX_PATTERNS = 1_000;
    /** The number of members per topic unless {@link Builder#maxMembers} says otherwise. */
    public static final int DEFAULT_MAX_MEMBERS = 10_000;
    /** The most messages per topic {@link Builder#history} may keep. */
    public static final int MAX_HISTORY = 100_000;
    /** How many locks the topics' publishes are spread over. */
    static final int PUBLISH_LOCKS = 64;

    private static final System.Logger LOG = System.getLogger(InMemoryChannel.class.getName());

    private final int maxTopics;
    private final int historyLength;
    private final String epoch = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();
    private final Object[] publishLocks = new Object[PUBLISH_LOCKS];
    private final InMemoryPatterns patterns;
    private final Optional<InMemoryHistory> history;
    private final InMemoryPresence presence;
    private volatile boolean closed;

    private InMemoryChannel(Builder b) {
        this.maxTopics = b.maxTopics;
        this.historyLength = b.history;
        for (int i = 0; i < publishLocks.length; i++) {
            publishLocks[i] = new Object();
        }
        this.patterns = new InMemoryPatterns(b.maxPatterns);
        this.history = b.history == 0 ? Optional.empty() : Optional.of(new InMemoryHistory(b.history, b.maxTopics));
        this.presence = new InMemoryPresence(b.maxMembers, b.maxTopics);
    }

    /** @return a channel with the defaults: no history */
    public static InMemoryChannel create() {
        return builder().build();
    }

    /** @return a builder, to set the history and the limits */
    public static Builder builder() {
        return new Builder();
    }

    /** @return how many topics may have subscribers (or a history, or members) at once */
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

    /** @return how many pattern subscriptions are open */
    public int patternCount() {
        return patterns.count();
    }

    /** @return how many topics have a history now */
    public int historyTopicCount() {
        return history.map(InMemoryHistory::topicCount).orElse(0);
    }

    @Override
    public int historyLength() {
        return historyLength;
    }

    @Override
    public CompletionStage<ChannelMessage> publish(String topic, ChannelPayload payload) {
        ChannelMessage.checkTopic(topic);
        Objects.requireNonNull(payload, "payload");
        if (closed) {
            return CompletableFuture.failedFuture(new ChannelException("cannot publish on '" + topic
                    + "': the channel is closed"));
        }
        if (history.isEmpty() && patterns.isEmpty() && !topics.containsKey(topic)) {
            return CompletableFuture.completedFuture(new ChannelMessage(topic, nextId(), payload)); // nobody to tell
        }
        ChannelMessage message;
        List<InMemoryPatterns.PatternSubscription> idle;
        synchronized (publishLocks[Math.floorMod(topic.hashCode(), PUBLISH_LOCKS)]) {
            message = new ChannelMessage(topic, nextId(), payload);
            history.ifPresent(h -> h.record(message));
            Topic t = topics.get(topic);
            if (t != null) {
                t.deliver(message);
            }
            idle = patterns.queue(message);
        }
        InMemoryPatterns.deliver(idle); // outside the lock: a pattern's deliveries may carry other topics' messages
        return CompletableFuture.completedFuture(message);
    }

    @Override
    public CompletionStage<ChannelSubscription> subscribe(String topic, ChannelListener listener) {
        ChannelMessage.checkTopic(topic);
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            return closedFailure("subscribe to '" + topic + "'");
        }
        Subscription sub = new Subscription(topic, listener);
        Topic joined = topics.compute(topic, (name, t) -> {
            if (t == null) {
                if (topics.size() >= maxTopics) {
                    return null;
                }
                t = new Topic();
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
            return closedFailure("subscribe to '" + topic + "'");
        }
        return CompletableFuture.completedFuture(sub);
    }

    @Override
    public CompletionStage<ChannelSubscription> subscribePattern(String pattern, ChannelListener listener) {
        TopicGlob glob = TopicGlob.compile(pattern);
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            return closedFailure("subscribe to pattern '" + pattern + "'");
        }
        InMemoryPatterns.PatternSubscription sub = patterns.add(glob, listener);
        if (sub == null) {
            return CompletableFuture.failedFuture(new ChannelException("cannot subscribe to pattern '" + pattern
                    + "': " + patterns.count() + " pattern subscriptions are open already (maxPatterns)"));
        }
        if (closed) {
            sub.fail(new ChannelException("the channel was closed"));
            return closedFailure("subscribe to pattern '" + pattern + "'");
        }
        return CompletableFuture.completedFuture(sub);
    }

    @Override
    public CompletionStage<ChannelHistory> history(String topic, Optional<String> afterId, int limit) {
        if (history.isEmpty()) {
            return Channel.super.history(topic, afterId, limit);
        }
        ChannelMessage.checkTopic(topic);
        Objects.requireNonNull(afterId, "afterId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, got " + limit);
        }
        if (closed) {
            return closedFailure("read the history of '" + topic + "'");
        }
        return CompletableFuture.completedFuture(history.get().read(topic, afterId.filter(id -> !id.isEmpty()),
                limit));
    }

    @Override
    public CompletionStage<ChannelPresence> enter(String topic, String member, String info) {
        ChannelMessage.checkTopic(topic);
        ChannelPresence.checkMember(member);
        ChannelPresence.checkInfo(info);
        if (closed) {
            return closedFailure("enter '" + topic + "'");
        }
        return presence.enter(topic, member, info);
    }

    @Override
    public CompletionStage<SortedMap<String, String>> members(String topic) {
        ChannelMessage.checkTopic(topic);
        if (closed) {
            return closedFailure("list '" + topic + "'");
        }
        return CompletableFuture.completedFuture(presence.members(topic));
    }

    /** Fails later calls, ends every open subscription with {@code onFailure}, and removes every member. */
    @Override
    public void close() {
        closed = true;
        for (Topic t : List.copyOf(topics.values())) {
            for (Subscription sub : t.snapshot()) {
                sub.fail(new ChannelException("the channel was closed"));
            }
        }
        patterns.failAll(new ChannelException("the channel was closed"));
        presence.clear();
    }

    private static <T> CompletionStage<T> closedFailure(String what) {
        return CompletableFuture.failedFuture(new ChannelException("cannot " + what + ": the channel is closed"));
    }

    private String nextId() {
        return epoch + "-" + sequence.incrementAndGet();
    }

    /**
     * One topic's subscribers. Its deliveries run under the topic's publish lock, which orders them and nothing
     * else: joining and leaving go through the map's {@code compute} without it, so a listener that unsubscribes
     * (or a subscriber that arrives) while a publish holds it cannot deadlock with the map.
     */
    private static final class Topic {
        private final List<Subscription> subs = new CopyOnWriteArrayList<>();

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

        void deliver(ChannelMessage message) {
            for (Subscription sub : subs) {
                sub.deliver(message);
            }
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

    /** Sets the channel's history and limits; every value is checked when set, naming the setting. */
    public static final class Builder {
        private int maxTopics = DEFAULT_MAX_TOPICS;
        private int maxPatterns = DEFAULT_MAX_PATTERNS;
        private int maxMembers = DEFAULT_MAX_MEMBERS;
        private int history;

        private Builder() {
        }

        /**
         * @param value how many topics may have subscribers at once, 1 or more; also how many may have a history
         *     (the least recently published one is forgotten beyond it) and how many may have members
         * @return this
         * @throws IllegalArgumentException naming {@code maxTopics} when below 1
         */
        public Builder maxTopics(int value) {
            this.maxTopics = atLeastOne("maxTopics", value);
            return this;
        }

        /**
         * @param value how many pattern subscriptions may be open at once, 1 or more (default
         *     {@value InMemoryChannel#DEFAULT_MAX_PATTERNS}); each is matched against every publish
         * @return this
         * @throws IllegalArgumentException naming {@code maxPatterns} when below 1
         */
        public Builder maxPatterns(int value) {
            this.maxPatterns = atLeastOne("maxPatterns", value);
            return this;
        }

        /**
         * @param value how many members one topic may have, 1 or more (default {@value InMemoryChannel#DEFAULT_MAX_MEMBERS})
         * @return this
         * @throws IllegalArgumentException naming {@code maxMembers} when below 1
         */
        public Builder maxMembers(int value) {
            this.maxMembers = atLeastOne("maxMembers", value);
            return this;
        }

        /**
         * @param messages how many of the latest messages to keep per topic for {@link Channel#history}, 0 (the
         *     default: none) to {@value InMemoryChannel#MAX_HISTORY}
         * @return this
         * @throws IllegalArgumentException naming {@code history} when out of range
         */
        public Builder history(int messages) {
            if (messages < 0 || messages > MAX_HISTORY) {
                throw new IllegalArgumentException("history must be 0 to " + MAX_HISTORY + " messages, got "
                        + messages);
            }
            this.history = messages;
            return this;
        }

        /** @return the channel */
        public InMemoryChannel build() {
            return new InMemoryChannel(this);
        }

        private static int atLeastOne(String setting, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(setting + " must be 1 or more, got " + value);
            }
            return value;
        }
    }
}
