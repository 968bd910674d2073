package org.pagi.wrappers.apps;

import java.util.concurrent.CompletionStage;

/** One listener's subscription to one topic, open until {@link #close()} or a failure. */
public interface ChannelSubscription {

    /** @return the topic subscribed to */
    String topic();

    /** @return whether messages can still arrive: not closed and not failed */
    boolean isOpen();

    /**
     * Stops the deliveries; idempotent. A message being delivered when it is called may still arrive.
     *
     * @return completes when the channel has dropped the subscription
     */
    CompletionStage<Void> close();
}
