package org.pagi.wrappers.apps;

import java.util.Objects;

/**
 * A published message as subscribers receive it.
 *
 * @param topic   the topic it was published on
 * @param id      the id the channel gave it: unique within the channel
 * @param payload what the publisher sent
 */
public record ChannelMessage(String topic, String id, ChannelPayload payload) {
    /** The longest topic name. */
    public static final int MAX_TOPIC_LENGTH = 256;

    /** Checks the fields. */
    public ChannelMessage {
        checkTopic(topic);
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a message id must not be empty");
        }
    }

    /**
     * Checks a topic name: 1 to {@value #MAX_TOPIC_LENGTH} characters, none of them a control character (so that
     * a name is safe as a key of a remote store and in a log line).
     *
     * @return {@code topic}
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String checkTopic(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
            throw new IllegalArgumentException("topic must be 1 to " + MAX_TOPIC_LENGTH + " characters, got "
                    + topic.length());
        }
        for (int i = 0; i < topic.length(); i++) {
            if (Character.isISOControl(topic.charAt(i))) {
                throw new IllegalArgumentException("topic contains a control character at index " + i);
            }
        }
        return topic;
    }
}
