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

    /**
     * Checks a member id as {@link Channel#enter} documents it: the rules of a topic name.
     *
     * @return {@code member}
     * @throws IllegalArgumentException starting with {@code member: }, naming what is wrong
     */
    static String checkMember(String member) {
        java.util.Objects.requireNonNull(member, "member");
        try {
            return ChannelMessage.checkTopic(member);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("member: " + e.getMessage(), e);
        }
    }

    /**
     * Checks what the others see of a member, as {@link Channel#enter} documents it.
     *
     * @return {@code info}
     * @throws IllegalArgumentException starting with {@code info}, naming what is wrong
     */
    static String checkInfo(String info) {
        java.util.Objects.requireNonNull(info, "info");
        if (info.length() > ChannelMessage.MAX_TOPIC_LENGTH) {
            throw new IllegalArgumentException("info must be at most " + ChannelMessage.MAX_TOPIC_LENGTH
                    + " characters, got " + info.length());
        }
        for (int i = 0; i < info.length(); i++) {
            if (Character.isISOControl(info.charAt(i))) {
                throw new IllegalArgumentException("info contains a control character at index " + i);
            }
        }
        return info;
    }
}
