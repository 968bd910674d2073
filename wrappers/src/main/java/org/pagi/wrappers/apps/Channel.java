package org.pagi.wrappers.apps;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publish and subscribe by topic: what the real-time apps ({@link WebSocketBroadcast}, {@link WebSocketChat},
 * {@link SsePubsub}) share, so that several apps, or several processes behind one store, reach the same clients.
 *
 * <p>Written for a remote store as much as for memory: every operation is asynchronous and never blocks the
 * caller, and every failure is visible: {@link #publish} and {@link #subscribe} return stages that fail with a
 * {@link ChannelException} (or the store's own exception), and a subscription the channel can no longer serve
 * ends with {@link ChannelListener#onFailure}. Nothing is dropped silently.
 *
 * <p>The channel gives each published message an id, unique within the channel (also across restarts of an in-memory one);
 * {@link SsePubsub} sends it as the event's {@code id}, so a client resuming after {@code Last-Event-ID} finds its
 * place on any process subscribed to the same store. Each subscriber receives a topic's messages in publish
 * order, from one thread at a time.
 */
public interface Channel {

    /**
     * Publishes {@code payload} on {@code topic} to every subscription open on it now.
     *
     * @return the message as delivered, with its id; fails with {@link ChannelException} when the channel refused
     *     it (closed, a limit) or the store failed
     * @throws IllegalArgumentException at once for a topic {@link ChannelMessage#checkTopic} refuses
     */
    CompletionStage<ChannelMessage> publish(String topic, ChannelPayload payload);

    /**
     * Subscribes {@code listener} to {@code topic}: it receives every message published after the returned stage
     * completed, until {@link ChannelSubscription#close()} or a failure ({@link ChannelListener#onFailure}).
     *
     * @return the open subscription; fails with {@link ChannelException} when the channel refused it
     * @throws IllegalArgumentException at once for a topic {@link ChannelMessage#checkTopic} refuses
     */
    CompletionStage<ChannelSubscription> subscribe(String topic, ChannelListener listener);

    /**
     * Subscribes {@code listener} to every topic matching {@code pattern}, a glob in which {@code *} stands for
     * any run of characters (none included) and {@code ?} for exactly one; every other character, {@code [} and
     * {@code \} included, stands for itself (a subset every store can honour, Redis {@code PSUBSCRIBE} included).
     * Each message arrives with its own topic. A topic matched by both a pattern and a plain subscription of the
     * same listener is delivered once per subscription.
     *
     * @return the open subscription; its {@link ChannelSubscription#topic()} is the pattern
     * @throws IllegalArgumentException at once for a pattern {@link ChannelMessage#checkTopic} refuses
     * @implSpec the default fails the stage with {@link ChannelException}: a channel without patterns says so
     */
    default CompletionStage<ChannelSubscription> subscribePattern(String pattern, ChannelListener listener) {
        ChannelMessage.checkTopic(pattern);
        return CompletableFuture.failedFuture(new ChannelException("cannot subscribe to pattern '" + pattern
                + "': " + getClass().getSimpleName() + " has no pattern subscriptions"));
    }

    /**
     * @return how many of the latest messages this channel keeps per topic for {@link #history}; 0 when it keeps
     *     none (then {@link #history} answers an empty, truncated history)
     * @implSpec the default keeps none
     */
    default int historyLength() {
        return 0;
    }

    /**
     * The retained messages of {@code topic} published after the one with id {@code afterId}, oldest first: what a
     * client that saw {@code afterId} missed ({@link SsePubsub}'s {@code Last-Event-ID} replay on any process
     * sharing the store).
     *
     * @param afterId the last id the client saw; empty for the whole retained history
     * @param limit   at most this many messages, the latest ones when more are retained
     * @return the messages; {@link ChannelHistory#truncated()} when some the client missed are no longer retained
     *     (or {@code afterId} is unknown to this channel), so the client must be told it may have lost some
     * @throws IllegalArgumentException at once for a bad topic or a {@code limit} below 1
     * @implSpec the default, for a channel that keeps no history, answers an empty, truncated history
     */
    default CompletionStage<ChannelHistory> history(String topic, Optional<String> afterId, int limit) {
        ChannelMessage.checkTopic(topic);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, got " + limit);
        }
        return CompletableFuture.completedFuture(new ChannelHistory(java.util.List.of(), true));
    }

    /**
     * Announces {@code member} as present in {@code topic} (a chat room's user list) until
     * {@link ChannelPresence#leave()}, or, if its process dies, until the entry expires: a store shared by several
     * processes keeps each entry with an expiry that the owning process renews while it runs.
     *
     * @param member an id unique across the processes sharing the store (checked as a topic name)
     * @param info   what the others see of it (a user name); at most {@value ChannelMessage#MAX_TOPIC_LENGTH}
     *               characters, no control character
     * @return the presence, to update or leave; fails with {@link ChannelException} when the store failed
     * @implSpec the default fails the stage with {@link ChannelException}: a channel without presence says so
     */
    default CompletionStage<ChannelPresence> enter(String topic, String member, String info) {
        ChannelMessage.checkTopic(topic);
        return CompletableFuture.failedFuture(new ChannelException("cannot enter '" + topic + "': "
                + getClass().getSimpleName() + " keeps no presence"));
    }

    /**
     * @return the members present in {@code topic} now, member id to info, ordered by member id; expired entries
     *     of a dead process are not included
     * @implSpec the default fails the stage with {@link ChannelException}: a channel without presence says so
     */
    default CompletionStage<java.util.SortedMap<String, String>> members(String topic) {
        ChannelMessage.checkTopic(topic);
        return CompletableFuture.failedFuture(new ChannelException("cannot list '" + topic + "': "
                + getClass().getSimpleName() + " keeps no presence"));
    }
}
