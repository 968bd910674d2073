package org.pagi.wrappers.apps;

/**
 * Receives a subscription's messages. Called from one thread at a time per subscription, in publish order; a
 * channel may call it on the publisher's thread or its own I/O thread, so it must return quickly and never block
 * (the apps hand each message to a bounded per-client queue).
 */
public interface ChannelListener {

    /** One message published on the subscribed topic. */
    void onMessage(ChannelMessage message);

    /**
     * The subscription ended because the channel can no longer serve it: the channel was closed, the store was
     * lost, or {@link #onMessage} threw. Called at most once; no message follows.
     */
    void onFailure(Throwable cause);
}
