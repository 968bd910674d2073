package org.pagi.examples.chatshowcase;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.pagi.wrappers.json.Json;

/**
 * One chat user: outlives its WebSocket for the presence grace period, so a page that reconnects with its
 * {@code session} id resumes it. Guarded by the {@link ChatState} it belongs to. Lives on one instance: its socket
 * and timers are here.
 */
final class ChatSession {
    /** The secret the page sends back to resume; never shown to other users, never published on the channel. */
    final String id;
    /** The id other users see in user lists. */
    final String userId;
    String name;
    /** The rooms it is in, as its own requests left them (its joins and leaves may still be on the channel). */
    final Set<String> rooms = new LinkedHashSet<>();
    /** The open socket; null while disconnected. */
    Peer peer;
    String typingIn;
    /** Cancels the grace timer (disconnected) or the ping timer (connected). */
    Runnable timer = () -> { };
    /** Per room: its id in the room's presence, which orders user lists by joining time. */
    final Map<String, String> memberIds = new HashMap<>();
    /** Per room: completes when its {@code joined} was sent (its join came back from the channel). */
    final Map<String, CompletableFuture<Void>> greetings = new HashMap<>();

    ChatSession(String id, String userId, String name) {
        this.id = id;
        this.userId = userId;
        this.name = name;
    }

    boolean connected() {
        return peer != null;
    }

    /** @return what a user list shows of it in {@code room}: {@code {id, name, typing}} */
    Map<String, Object> entry(String room) {
        return Fields.of("id", userId, "name", name, "typing", room.equals(typingIn));
    }

    /** @return what the room's presence holds of it: its entry, and whether it is away (in its grace period) */
    String presenceInfo(String room) {
        Map<String, Object> info = entry(room);
        info.put("away", !connected());
        return Json.encode(info).utf8();
    }
}
