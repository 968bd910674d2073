package org.pagi.wrappers.apps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.json.JsonDecodingException;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.MessageTooLargeException;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * One chat connection: its user, its rooms (a channel subscription each, and a presence in each when the channel
 * keeps presence), its bounded queue, and the commands of upstream's protocol. Commands run one at a time (the socket's {@code forEach}); room messages arrive on
 * channel threads and only enter the queue.
 */
final class WebSocketChatSession {
    /** Upstream strips a nickname to word characters and {@code -}; Perl's {@code \w} is Unicode-aware. */
    private static final Pattern NOT_NICK = Pattern.compile("[^\\w-]", Pattern.UNICODE_CHARACTER_CLASS);
    private static final int MAX_NICK = 20;

    private final WebSocketChat chat;
    private final WebSocket ws;
    private final long userId;
    private final String origin;
    /** The presence member id: the user id zero-padded, so members of one process list in user order. */
    private final String member;
    private final ChannelOutbox<String> outbox;
    private final Map<String, ChannelSubscription> joined = new ConcurrentHashMap<>();
    private final Map<String, ChannelPresence> present = new ConcurrentHashMap<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Completes when a close this side started was handed over; the call must not end before that. */
    private final CompletableFuture<Void> dropSent = new CompletableFuture<>();
    private volatile boolean dropping;
    private volatile String username;

    WebSocketChatSession(WebSocketChat chat, WebSocket ws, long userId) {
        this.chat = chat;
        this.ws = ws;
        this.userId = userId;
        this.origin = chat.instance() + "-" + userId;
        this.member = chat.instance() + "-" + String.format("%019d", userId);
        this.username = "user_" + userId;
        this.outbox = new ChannelOutbox<>(chat.maxQueuedMessages(), chat.maxQueuedBytes(), String::length,
                ws::sendText,
                () -> dropLater(WebSocketBroadcast.SLOW_CLIENT_CODE, WebSocketBroadcast.SLOW_CLIENT_REASON));
        ws.onClose(closed -> end());
    }

    long userId() {
        return userId;
    }

    String username() {
        return username;
    }

    /** Joins the default room (announced to its members), then greets the user. */
    CompletionStage<Void> start() {
        outbox.open();
        String room = chat.defaultRoom();
        return join(room).thenAccept(ok -> {
            if (ok) {
                reply(event("welcome", "user_id", userId, "username", username, "room", room));
            }
        });
    }

    /** One message from the client. */
    CompletionStage<?> handle(Message message) {
        if (!(message instanceof Message.Text text)) {
            return error("binary messages are not understood: send JSON text");
        }
        Map<?, ?> data;
        try {
            if (!(Json.decode(Bytes.utf8(text.text()), Object.class) instanceof Map<?, ?> map)) {
                return error("a message must be a JSON object");
            }
            data = map;
        } catch (JsonDecodingException e) {
            return error("a message must be JSON: " + e.getMessage());
        }
        Object type = data.containsKey("type") ? data.get("type") : "message";
        if (!(type instanceof String command)) {
            return error("type must be a string");
        }
        try {
            return switch (command) {
                case "message" -> say(optionalString(data, "message").orElse(""), optionalRoom(data));
                case "join" -> joinCommand(optionalRoom(data).orElse(chat.defaultRoom()));
                case "leave" -> leaveCommand(requiredRoom(data, "leave"));
                case "nick" -> nick(optionalString(data, "username").orElse(username));
                case "list" -> list(requiredRoom(data, "list"));
                case "rooms" -> reply(event("rooms", "rooms", chat.rooms().list()));
                default -> error("unknown message type '" + shorten(command) + "'");
            };
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
    }

    private CompletionStage<Void> say(String text, Optional<String> room) {
        List<String> targets = room.map(List::of).orElseGet(() -> List.copyOf(joined.keySet()));
        if (room.isPresent() && !joined.containsKey(room.get())) {
            return error("not in room '" + room.get() + "'");
        }
        if (targets.isEmpty()) {
            return error("not in any room");
        }
        long now = System.currentTimeMillis() / 1000;
        CompletionStage<Void> all = CompletableFuture.completedFuture(null);
        for (String r : targets) {
            String json = encode(event("message", "room", r, "user_id", userId, "username", username,
                    "message", text, "timestamp", now));
            all = all.thenCompose(v -> chat.channel().publish(chat.topicOf(r),
                    ChannelPayload.text(json).withOrigin(origin))).thenApply(m -> null);
        }
        return all.exceptionallyCompose(e -> error("the message could not be published: " + rootMessage(e)));
    }

    private CompletionStage<?> joinCommand(String room) {
        if (joined.containsKey(room)) {
            return reply(event("joined", "room", room));
        }
        return join(room).thenAccept(ok -> {
            if (ok) {
                reply(event("joined", "room", room));
            }
        });
    }

    /**
     * Registers, subscribes, enters the presence, announces.
     *
     * @return false (after telling the user) when the room is refused
     */
    private CompletionStage<Boolean> join(String room) {
        if (!chat.rooms().join(room, this)) {
            return error("Max rooms reached").thenApply(v -> false);
        }
        return chat.channel().subscribe(chat.topicOf(room), new RoomListener())
                .thenCompose(sub -> {
                    joined.put(room, sub);
                    return enter(room);
                })
                .thenCompose(v -> {
                    if (ended.get()) { // the socket closed while joining
                        leave(room);
                        return CompletableFuture.completedFuture(false);
                    }
                    // A lost notice does not undo the join; the channel's failure reaches the listener.
                    return announce(room, "user_joined").handle((x, e) -> true);
                })
                .exceptionallyCompose(e -> {
                    ChannelSubscription sub = joined.remove(room);
                    if (sub != null) {
                        sub.close();
                    }
                    chat.rooms().leave(room, userId);
                    return error("cannot join '" + room + "': " + rootMessage(e)).thenApply(v -> false);
                });
    }

    /** Becomes a member of the room's topic, when the channel keeps presence. */
    private CompletionStage<Void> enter(String room) {
        if (!chat.presence()) {
            return CompletableFuture.completedFuture(null);
        }
        return chat.channel().enter(chat.topicOf(room), member, username).thenAccept(p -> present.put(room, p));
    }

    private CompletionStage<?> leaveCommand(String room) {
        if (!joined.containsKey(room)) {
            return error("not in room '" + room + "'");
        }
        return leave(room).thenCompose(v -> reply(event("left", "room", room)));
    }

    private CompletionStage<Void> leave(String room) {
        ChannelPresence presence = present.remove(room); // apart from the subscription: a join may be half done
        CompletionStage<Void> absent = presence == null ? CompletableFuture.completedFuture(null)
                : presence.leave().exceptionally(e -> null); // a shared store expires what it could not remove
        ChannelSubscription sub = joined.remove(room);
        if (sub == null) {
            return absent;
        }
        chat.rooms().leave(room, userId);
        return absent.thenCompose(v -> sub.close()).thenCompose(v -> announce(room, "user_left"))
                .exceptionally(e -> null); // the others miss a notice; nothing to tell a user who is leaving
    }

    private CompletionStage<Void> nick(String wanted) {
        String name = NOT_NICK.matcher(wanted).replaceAll("");
        if (name.codePointCount(0, name.length()) > MAX_NICK) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_NICK));
        }
        if (name.isEmpty()) {
            return error("username needs a letter, digit, '_' or '-'");
        }
        username = name;
        String shown = name;
        CompletionStage<Void> updated = CompletableFuture.completedFuture(null);
        for (Map.Entry<String, ChannelPresence> p : List.copyOf(present.entrySet())) {
            updated = updated.thenCompose(v -> p.getValue().update(shown)
                    .exceptionallyCompose(e -> error("the new name is not shown in '" + p.getKey() + "': "
                            + rootMessage(e))));
        }
        return updated.thenCompose(v -> reply(event("nick", "username", shown)));
    }

    private CompletionStage<Void> list(String room) {
        if (!chat.presence()) {
            return chat.rooms().users(room)
                    .map(users -> reply(event("users", "room", room, "users", users)))
                    .orElseGet(() -> error("no room '" + room + "'"));
        }
        return chat.channel().members(chat.topicOf(room)).thenCompose(members -> members.isEmpty()
                        ? error("no room '" + room + "'")
                        : reply(event("users", "room", room, "users", List.copyOf(members.values()))))
                .exceptionallyCompose(e -> error("cannot list '" + room + "': " + rootMessage(e)));
    }

    private CompletionStage<Void> announce(String room, String type) {
        String json = encode(event(type, "room", room, "user_id", userId, "username", username));
        return chat.channel().publish(chat.topicOf(room), ChannelPayload.text(json).withOrigin(origin))
                .thenApply(m -> null);
    }

    /** Leaves every room (announced to the others) and drops what waits; once. */
    void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        outbox.close();
        for (String room : List.copyOf(joined.keySet())) {
            leave(room);
        }
    }

    /**
     * Drops the user from a channel callback, which may hold a room's lock (a delivery): leaving the rooms
     * publishes to other rooms, so it runs on its own thread rather than take a second room's lock under the first.
     */
    private void dropLater(int code, String reason) {
        dropping = true; // before the close: the call's end waits for it once the socket reads as closed
        Thread.ofVirtual().name("chat-drop-" + userId).start(() -> {
            end();
            ws.close(code, reason).whenComplete((v, e) -> dropSent.complete(null));
        });
    }

    /**
     * Ends the call: after a close this side started was handed over (a slow client, a failed channel), leaves
     * every room. A message over the limit (closed with 1009 already) ends it normally; another failure fails it.
     */
    CompletionStage<Void> finish(Throwable failure) {
        CompletionStage<Void> closed = dropping ? dropSent : CompletableFuture.completedFuture(null);
        return closed.thenCompose(v -> {
            end();
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return cause == null || cause instanceof MessageTooLargeException
                    ? CompletableFuture.<Void>completedFuture(null) : CompletableFuture.<Void>failedFuture(cause);
        });
    }

    private CompletionStage<Void> reply(Map<String, Object> event) {
        outbox.offer(encode(event));
        return CompletableFuture.completedFuture(null);
    }

    private CompletionStage<Void> error(String message) {
        return reply(event("error", "message", message));
    }

    private static Map<String, Object> event(String type, Object... fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        for (int i = 0; i < fields.length; i += 2) {
            out.put((String) fields[i], fields[i + 1]);
        }
        return out;
    }

    private static String encode(Map<String, Object> event) {
        return Json.encode(event).utf8();
    }

    private static Optional<String> optionalString(Map<?, ?> data, String field) {
        Object value = data.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return Optional.of(s);
    }

    private Optional<String> optionalRoom(Map<?, ?> data) {
        return optionalString(data, "room").map(chat::checkRoom);
    }

    private String requiredRoom(Map<?, ?> data, String command) {
        return optionalRoom(data).orElseThrow(() -> new IllegalArgumentException(command + " needs a room"));
    }

    private static String shorten(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t != t.getCause()) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    /** A room's messages: the user's own are skipped (upstream sends a message to the others only). */
    private final class RoomListener implements ChannelListener {
        @Override
        public void onMessage(ChannelMessage message) {
            ChannelPayload p = message.payload();
            if (!p.binary() && !p.origin().equals(Optional.of(origin))) {
                outbox.offer(p.text());
            }
        }

        @Override
        public void onFailure(Throwable cause) {
            dropLater(1011, "channel failed");
        }
    }
}
