package org.pagi.wrappers.apps;

import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletionStage;

/**
 * A channel that hands every call to another, for tests to override one call (a publish slipped into a history
 * read, a failing read) or, through {@link #basic}, to hide the optional capabilities.
 */
class ForwardingChannel implements Channel {
    final Channel inner;

    ForwardingChannel(Channel inner) {
        this.inner = inner;
    }

    /** @return a channel with publish and subscribe only: no patterns, history or presence (the defaults) */
    static Channel basic(Channel inner) {
        return new Channel() {
            @Override
            public CompletionStage<ChannelMessage> publish(String topic, ChannelPayload payload) {
                return inner.publish(topic, payload);
            }

            @Override
            public CompletionStage<ChannelSubscription> subscribe(String topic, ChannelListener listener) {
                return inner.subscribe(topic, listener);
            }
        };
    }

    @Override
    public CompletionStage<ChannelMessage> publish(String topic, ChannelPayload payload) {
        return inner.publish(topic, payload);
    }

    @Override
    public CompletionStage<ChannelSubscription> subscribe(String topic, ChannelListener listener) {
        return inner.subscribe(topic, listener);
    }

    @Override
    public CompletionStage<ChannelSubscription> subscribePattern(String pattern, ChannelListener listener) {
        return inner.subscribePattern(pattern, listener);
    }

    @Override
    public int historyLength() {
        return inner.historyLength();
    }

    @Override
    public CompletionStage<ChannelHistory> history(String topic, Optional<String> afterId, int limit) {
        return inner.history(topic, afterId, limit);
    }

    @Override
    public CompletionStage<ChannelPresence> enter(String topic, String member, String info) {
        return inner.enter(topic, member, info);
    }

    @Override
    public CompletionStage<SortedMap<String, String>> members(String topic) {
        return inner.members(topic);
    }
}
