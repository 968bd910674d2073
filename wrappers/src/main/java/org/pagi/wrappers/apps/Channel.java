package org.pagi.wrappers.apps;

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
}
