package org.pagi.wrappers.apps;

import java.util.concurrent.CompletionStage;

/** One member's presence in one topic, from {@link Channel#enter}; present until {@link #leave()}. */
public interface ChannelPresence {
    /** @return the topic the member is present in */
    String topic();

    /** @return the member's id */
    String member();

    /**
     * Replaces what the others see of the member (a new nickname).
     *
     * @return completes when the store holds the new info; fails with {@link ChannelException}
     */
    CompletionStage<Void> update(String info);

    /**
     * Removes the member; idempotent.
     *
     * @return completes when the store no longer lists it
     */
    CompletionStage<Void> leave();
}
