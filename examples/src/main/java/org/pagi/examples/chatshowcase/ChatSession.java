package org.pagi.examples.chatshowcase;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One chat user: outlives its WebSocket for the presence grace period, so a page that reconnects with its
 * {@code session} id resumes it. Guarded by the {@link ChatState} it belongs to.
 */
final class ChatSession {
    /** The secret the page sends back to resume; never shown to other users. */
    final String id;
    /** The id other users see in user lists. */
    final String userId;
    String name;
    final Set<String> rooms = new LinkedHashSet<>();
    /** The open socket; null while disconnected. */
    Peer peer;
    String typingIn;
    long lastMessageId;
    /** Cancels the grace timer (disconnected) or the ping timer (connected). */
    Runnable timer = () -> { };

    ChatSession(String id, String userId, String name) {
        this.id = id;
        this.userId = userId;
        this.name = name;
    }

    boolean connected() {
        return peer != null;
    }
}
