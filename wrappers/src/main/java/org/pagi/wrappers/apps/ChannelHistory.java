package org.pagi.wrappers.apps;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Channel#history} found.
 *
 * @param messages  the retained messages after the requested id, oldest first
 * @param truncated whether some messages after the requested id are no longer retained (or the id was unknown),
 *                  so a resuming client may have lost some
 */
public record ChannelHistory(List<ChannelMessage> messages, boolean truncated) {
    /** Copies the list. */
    public ChannelHistory {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    }
}
