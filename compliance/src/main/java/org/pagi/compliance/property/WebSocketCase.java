package org.pagi.compliance.property;

import java.util.Objects;

/**
 * A scripted WebSocket application together with the client that fits it: a client that never waits for a
 * message the script will not send, and leaves exactly when the script waits for it to.
 *
 * @param script what the application does
 * @param plan   what the client does
 * @param unread how many client messages the application has not received yet at the two moments where that
 *               matters
 */
public record WebSocketCase(Script script, WebSocketPlan plan, Unread unread) {
    /** Checks for nulls. */
    public WebSocketCase {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(unread, "unread");
    }

    /**
     * Client messages still on their way to the application (sent, not yet received) at two moments.
     *
     * @param whenTheClientLeaves          when the client leaves, counting those the application reads after the
     *                                     last thing the client saw (the client cannot tell they were read); a
     *                                     dropped connection may lose them, a Close frame follows them
     * @param whenReceivingAfterOwnClose   when the application, having sent {@code websocket.close}, receives
     *                                     again; a server discards them (messages arrive only while open) and
     *                                     hands out the client's answering close. Whether the client sent them
     *                                     before the close arrived is a race, so this counts the most there may be
     */
    public record Unread(int whenTheClientLeaves, int whenReceivingAfterOwnClose) {
        /** None at either moment. */
        public static final Unread NONE = new Unread(0, 0);
    }

    @Override
    public String toString() {
        return script + "\n  client: " + plan;
    }
}
