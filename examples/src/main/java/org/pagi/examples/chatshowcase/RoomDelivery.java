package org.pagi.examples.chatshowcase;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.wrappers.apps.ChannelMessage;

/**
 * What a room event that came back from the channel does on this instance, whichever instance published it:
 * records it in the room's history (numbered by this instance), and sends it to this instance's members of the
 * room. Run one event at a time, in the channel's order ({@link ChatRelay}).
 *
 * <p>A join makes its user a member here (it is sent {@code joined}, then every later event of the room), the
 * others get {@code user_joined}; a leave sends {@code left} to its user and {@code user_left} to the others; a
 * user whose grace period ended ({@code gone}) is announced like a leave, silently in the history. The user lists
 * in these events come from the room's presence, read when the event arrives.
 */
final class RoomDelivery {
    private static final System.Logger LOG = System.getLogger(RoomDelivery.class.getName());
    private static final List<String> WITH_USERS = List.of("join", "leave", "gone", "nick");

    private final ChatState state;
    private final ChatRelay relay;

    RoomDelivery(ChatState state, ChatRelay relay) {
        this.state = state;
        this.relay = relay;
    }

    /** Records the messages of {@code room}'s history, published before this instance served it. */
    void seed(String room, List<ChannelMessage> history) {
        synchronized (state) {
            ChatState.Room r = state.room(room).orElse(null);
            if (r == null) {
                return;
            }
            for (ChannelMessage message : history) {
                r.seeded.add(message.id());
                if (decode(message).get("record") instanceof Map<?, ?> record) {
                    state.record(room, record);
                }
            }
        }
    }

    /** @return completes when {@code message} was sent to this instance's members of {@code room} */
    CompletionStage<Void> deliver(String room, ChannelMessage message) {
        Map<String, Object> event = decode(message);
        if (event.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletionStage<List<Map<String, Object>>> users = relay.hasPresence() && WITH_USERS.contains(event.get("kind"))
                ? relay.users(room).exceptionally(failure -> null) // the store is away: this instance's users
                : CompletableFuture.completedFuture(null);
        return users.thenCompose(list -> {
            Outbox out = new Outbox(state);
            synchronized (state) {
                apply(room, message.id(), event, list, out);
            }
            return out.done();
        });
    }

    private void apply(String room, String id, Map<String, Object> event, List<Map<String, Object>> users,
            Outbox out) {
        ChatState.Room r = state.room(room).orElse(null);
        if (r != null && r.seeded.remove(id)) {
            return; // recorded from the history already
        }
        Map<String, Object> stored = event.get("record") instanceof Map<?, ?> record ? state.record(room, record) : null;
        String userId = (String) event.get("user_id");
        String user = (String) event.get("user");
        ChatSession self = state.byUserId(userId).orElse(null);
        switch ((String) event.get("kind")) {
            case "join" -> {
                state.enterRoom(userId, room);
                List<Map<String, Object>> list = users == null ? state.roomUsers(room) : users;
                if (self != null) {
                    CompletableFuture<Void> greeting = self.greetings.remove(room);
                    CompletableFuture<Void> sent = out.to(self, Fields.of("type", "joined", "room", room,
                            "history", state.messages(room, 50), "users", list));
                    if (greeting != null) {
                        sent.whenComplete((v, failure) -> greeting.complete(null));
                    }
                }
                out.toAll(state.connectedMembers(room, userId),
                        Fields.of("type", "user_joined", "room", room, "user", user, "users", list));
            }
            case "leave", "gone" -> {
                if (self != null && event.get("kind").equals("leave")) {
                    out.to(self, Fields.of("type", "left", "room", room));
                }
                if (state.leaveRoom(userId, room)) {
                    relay.unserve(room);
                }
                out.toAll(state.connectedMembers(room, userId), Fields.of("type", "user_left", "room", room,
                        "user", user, "users", users == null ? state.roomUsers(room) : users));
            }
            case "message", "action" -> {
                if (stored != null) {
                    out.toAll(state.connectedMembers(room, null), Fields.of("type", event.get("kind"), "room", room,
                            "from", user, "text", stored.get("text"), "ts", stored.get("ts"), "id", stored.get("id")));
                }
            }
            case "typing" -> out.toAll(state.connectedMembers(room, userId),
                    Fields.of("type", "typing", "room", room, "user", user, "typing", event.get("typing")));
            case "nick" -> out.toAll(state.connectedMembers(room, userId), Fields.of("type", "nick_changed",
                    "room", room, "old_name", event.get("old_name"), "new_name", user,
                    "users", users == null ? state.roomUsers(room) : users));
            default -> LOG.log(System.Logger.Level.DEBUG, "chat: an event of unknown kind in room " + room);
        }
    }

    /** A private message from another instance: to its addressee, when it is connected here. */
    CompletionStage<Void> deliverPrivate(ChannelMessage message) {
        Map<String, Object> pm;
        try {
            pm = ChatRelay.decode(message.payload().text());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(null); // not the chat's
        }
        Outbox out = new Outbox(state);
        synchronized (state) {
            if (pm.get("to_id") instanceof String to) {
                state.byUserId(to).filter(ChatSession::connected).ifPresent(s -> out.to(s, Fields.of("type", "pm",
                        "from", pm.get("from"), "text", pm.get("text"), "ts", pm.get("ts"))));
            }
        }
        return out.done();
    }

    private static Map<String, Object> decode(ChannelMessage message) {
        try {
            Map<String, Object> event = ChatRelay.decode(message.payload().text());
            return event.get("kind") instanceof String ? event : Map.of();
        } catch (RuntimeException e) {
            // not the chat's: another program published on its topic
            LOG.log(System.Logger.Level.WARNING, "chat: ignored a message that is not a chat event on "
                    + message.topic());
            return Map.of();
        }
    }
}
