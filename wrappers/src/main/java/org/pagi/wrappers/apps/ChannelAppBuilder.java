package org.pagi.wrappers.apps;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings the fan-out apps' builders share: the channel, and the bounds of one client's queue (see
 * {@link ChannelOutbox}). Each is checked when set, naming it.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class ChannelAppBuilder<B extends ChannelAppBuilder<B>> {
    private Channel channel;
    private int maxQueuedMessages = ChannelSettings.DEFAULT_MAX_QUEUED_MESSAGES;
    private long maxQueuedBytes = ChannelSettings.DEFAULT_MAX_QUEUED_BYTES;
    private Duration keepalive = Duration.ZERO;

    ChannelAppBuilder() {
    }

    /**
     * @param value the channel to share with other apps (default: a new {@link InMemoryChannel} for this app)
     * @return this
     */
    public B channel(Channel value) {
        this.channel = Objects.requireNonNull(value, "channel");
        return self();
    }

    /**
     * @param count how many messages may wait for one client (default 256); one more drops the client: a
     *     WebSocket is closed with 1008, an event stream is closed
     * @return this
     * @throws IllegalArgumentException naming {@code maxQueuedMessages} when not positive
     */
    public B maxQueuedMessages(int count) {
        this.maxQueuedMessages = ChannelSettings.positive("maxQueuedMessages", count);
        return self();
    }

    /**
     * @param bytes how much data may wait for one client (default 1 MiB; characters for text); a message into an
     *     empty queue is always taken, one that would pass the bound drops the client as {@link #maxQueuedMessages}
     * @return this
     * @throws IllegalArgumentException naming {@code maxQueuedBytes} when not positive
     */
    public B maxQueuedBytes(long bytes) {
        this.maxQueuedBytes = ChannelSettings.positive("maxQueuedBytes", bytes);
        return self();
    }

    /**
     * @param interval how often an idle client is checked (default zero: never). A WebSocket is pinged, and closed
     *     (1006, {@code keepalive_timeout}) when no pong comes within the same interval, so a vanished client
     *     stops holding its subscription; an event stream gets a comment line, which keeps proxies from closing it
     * @return this
     * @throws IllegalArgumentException naming {@code keepalive} when negative
     */
    public B keepalive(Duration interval) {
        Objects.requireNonNull(interval, "keepalive");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("keepalive must not be negative, got " + interval);
        }
        this.keepalive = interval;
        return self();
    }

    Duration keepaliveValue() {
        return keepalive;
    }

    Channel channelOrNew() {
        return channel != null ? channel : InMemoryChannel.create();
    }

    int maxQueuedMessagesValue() {
        return maxQueuedMessages;
    }

    long maxQueuedBytesValue() {
        return maxQueuedBytes;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
