package org.pagi.compliance.property;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketMessage;

/**
 * What the client of one WebSocket does once the handshake is accepted: send these messages at once, then either
 * read until the server closes (and answer its close), or read a number of messages and leave.
 *
 * @param messages what the client sends, in order, right after the handshake
 * @param leave    empty: read until the server closes; present: how and when the client leaves
 */
public record WebSocketPlan(List<WebSocketMessage> messages, Optional<Leave> leave) {
    /** Copies the messages. */
    public WebSocketPlan {
        messages = List.copyOf(messages);
        Objects.requireNonNull(leave, "leave");
    }

    /**
     * How the client leaves, after reading {@code afterMessages} messages (fewer if the server closes first).
     *
     * @param afterMessages how many messages to read first
     * @param close         the client's Close frame; empty to drop the connection with none
     */
    public record Leave(int afterMessages, Optional<WebSocketClose> close) {
        /** Checks the count. */
        public Leave {
            if (afterMessages < 0) {
                throw new IllegalArgumentException("afterMessages must be 0 or more, got " + afterMessages);
            }
            Objects.requireNonNull(close, "close");
        }
    }
}
