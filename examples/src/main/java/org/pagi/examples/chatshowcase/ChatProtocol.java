package org.pagi.examples.chatshowcase;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.http.QueryParams;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.json.JsonDecodingException;

/**
 * What the chat does with a WebSocket, whatever API its handler is written with (upstream's
 * {@code ChatApp::WebSocket}): a new session or a resumed one when the socket opens, one JSON message at a time
 * while it is open ({@code message}, {@code join}, {@code leave}, {@code typing}, {@code pm}, {@code set_nick},
 * {@code get_rooms}, {@code get_users}, {@code get_history}, {@code ping}, {@code pong}; chat text starting with
 * {@code /} is a command, see {@link ChatCommands}), and the presence grace period when it closes. What a room's
 * members must see (messages, joins, leaves, typing, nick changes) is published on the channel and sent to them as
 * it comes back, on every instance ({@link ChatRelay}, {@link RoomDelivery}); answers to the user alone are sent
 * here. Thread-safe: each action holds the {@link ChatState} while it changes it and queues its sends and channel
 * operations, in order.
 */
public final class ChatProtocol {
    private static final System.Logger LOG = System.getLogger(ChatProtocol.class.getName());

    private final ChatState state;
    private final ChatOptions options;
    private final ChatRelay relay;
    private final ChatCommands commands;

    /**
     * An open socket's session.
     *
     * @param sessionId the session's id, which the socket's handler passes back with each message
     * @param sent      completes when the greeting ({@code connected} or {@code resumed}, and for a new session
     *                  the {@code joined} of {@code general}) was sent
     */
    public record Connection(String sessionId, CompletionStage<Void> sent) {
    }

    ChatProtocol(ChatState state, ChatOptions options, ChatRelay relay) {
        this.state = state;
        this.options = options;
        this.relay = relay;
        this.commands = new ChatCommands(this, state, relay);
    }

    /**
     * A socket opened with the query {@code session} (resume that session, if it exists on this instance and is
     * not connected elsewhere), {@code name} (for a new session; "Anonymous" when empty) and {@code lastMsgId} (a
     * resumed page gets the messages after it).
     */
    public Connection connect(QueryParams query, Peer peer) {
        Outbox out = new Outbox(state);
        ChatSession session;
        synchronized (state) {
            Optional<ChatSession> resumable = query.get("session").filter(id -> !id.isEmpty())
                    .flatMap(state::session).filter(s -> !s.connected());
            if (resumable.isPresent()) {
                session = resumable.get();
                session.timer.run(); // the grace period ends: nobody is told this user left
                session.peer = peer;
                long lastMsgId = query.get("lastMsgId").filter(v -> v.matches("\\d{1,18}")).map(Long::parseLong)
                        .orElse(0L);
                Map<String, Object> missed = new LinkedHashMap<>();
                session.rooms.forEach(room -> missed.put(room, state.messagesSince(room, lastMsgId)));
                out.to(session, Fields.of("type", "resumed", "session_id", session.id, "user_id", session.userId,
                        "name", session.name, "rooms", List.copyOf(session.rooms), "missedMessages", missed));
                for (String room : session.rooms) {
                    out.relayed(session, relay.refresh(session, room)); // listed again
                }
            } else {
                String raw = query.get("name").filter(n -> !n.isEmpty()).orElse("Anonymous");
                session = state.createSession(state.sanitizeUsername(raw, null), peer);
                out.to(session, Fields.of("type", "connected", "session_id", session.id, "user_id",
                        session.userId, "name", session.name, "rooms",
                        state.rooms().stream().map(r -> r.name).toList()));
                join(session, "general", out);
            }
            ChatSession pinged = session;
            session.timer = Later.every(options.pingInterval(), () -> ping(pinged, peer));
        }
        return new Connection(session.id, out.done());
    }

    private void ping(ChatSession session, Peer peer) {
        Outbox out = new Outbox(state);
        synchronized (state) {
            if (session.peer == peer) {
                out.to(session, Fields.of("type", "ping", "ts", Fields.now()));
            }
        }
        out.done();
    }

    /**
     * The socket of {@code sessionId} closed: the user stays in its rooms, unseen, for the grace period; then the
     * rooms are told it left ({@code user_left}) and the session is forgotten, unless it was resumed meanwhile.
     */
    public void disconnected(String sessionId, Peer peer) {
        synchronized (state) {
            ChatSession session = state.session(sessionId).orElse(null);
            if (session == null || session.peer != peer) {
                return;
            }
            session.timer.run();
            session.peer = null;
            session.typingIn = null;
            for (String room : session.rooms) {
                logged(relay.refresh(session, room), "mark a user away in " + room); // out of the lists, in the room
            }
            session.timer = Later.after(options.presenceGrace(), () -> expire(session));
        }
    }

    private void expire(ChatSession session) {
        synchronized (state) {
            if (session.connected() || state.session(session.id).orElse(null) != session) {
                return; // resumed in time
            }
            for (String room : List.copyOf(session.rooms)) {
                logged(relay.leave(session, room), "leave the presence of " + room);
                logged(relay.publish(room, event("gone", session, null)), "announce a user left " + room);
            }
            state.removeSession(session);
        }
    }

    /** One text message from the socket of {@code sessionId}; anything but a JSON object is ignored, as upstream. */
    public CompletionStage<Void> receive(String sessionId, String text) {
        Object decoded;
        try {
            decoded = Json.decode(Bytes.utf8(text), Object.class);
        } catch (JsonDecodingException e) {
            return CompletableFuture.completedFuture(null);
        }
        if (!(decoded instanceof Map<?, ?> message)) {
            return CompletableFuture.completedFuture(null);
        }
        Outbox out = new Outbox(state);
        synchronized (state) {
            state.session(sessionId).filter(ChatSession::connected).ifPresent(s -> handle(s, message, out));
        }
        return out.done();
    }

    private void handle(ChatSession session, Map<?, ?> message, Outbox out) {
        String room = string(message, "room").orElse(null);
        switch (string(message, "type").orElse("message")) {
            case "message" -> chat(session, room == null ? "general" : room,
                    string(message, "text").orElse(""), out);
            case "join" -> join(session, ChatState.sanitizeRoomName(room), out);
            case "leave" -> leave(session, room == null ? "" : room, out);
            case "typing" -> typing(session, room == null ? "general" : room, truthy(message.get("typing")), out);
            case "pm" -> privateMessage(session, string(message, "to").orElse(""),
                    string(message, "text").orElse(""), out);
            case "set_nick" -> nick(session, string(message, "name").orElse(""), out);
            case "get_rooms" -> commands.roomList(session, out);
            case "get_users" -> commands.userList(session, room, out);
            case "get_history" -> out.to(session, Fields.of("type", "history", "room", room,
                    "messages", room == null ? List.of() : state.messages(room, ChatState.MAX_MESSAGES_PER_ROOM)));
            case "ping" -> out.to(session, Fields.of("type", "pong", "ts", message.get("ts")));
            default -> {
                // "pong" answers the server's ping; anything else is ignored, as upstream
            }
        }
    }

    private void chat(ChatSession session, String room, String text, Outbox out) {
        if (!session.rooms.contains(room)) {
            out.to(session, error("You are not in room: " + room));
            return;
        }
        if (commands.run(session, room, text, out) || text.isEmpty()) {
            return;
        }
        if (session.typingIn != null) {
            session.typingIn = null;
            out.relayed(session, relay.refresh(session, room));
            out.relayed(session, relay.publish(room, event("typing", session, null, "typing", false)));
        }
        say(session, room, "message", text, out);
    }

    /** Publishes chat text (a {@code message} or an {@code action}) to {@code room}, recorded in its history. */
    void say(ChatSession session, String room, String kind, String text, Outbox out) {
        out.relayed(session, relay.publish(room, event(kind, session, record(session.name, text, kind))));
    }

    void join(ChatSession session, String room, Outbox out) {
        if (session.rooms.contains(room)) {
            out.to(session, error("You are already in room: " + room));
            return;
        }
        state.openRoom(room, session.name);
        session.rooms.add(room);
        CompletableFuture<Void> greeting = new CompletableFuture<>();
        session.greetings.put(room, greeting);
        out.relayed(session, relay.enter(session, room)); // before the join is published: lists show the joiner
        CompletableFuture<Void> published = relay.publish(room,
                event("join", session, record("system", session.name + " joined the room", "system")));
        published.whenComplete((v, failure) -> {
            if (failure != null) {
                greeting.complete(null); // it will not come back from the channel: the actor is told why
            }
        });
        out.relayed(session, published);
        out.after(greeting);
    }

    void leave(ChatSession session, String room, Outbox out) {
        if (room.equals("general")) {
            out.to(session, error("You cannot leave the general room"));
            return;
        }
        if (!session.rooms.contains(room)) {
            out.to(session, error("You are not in room: " + room));
            return;
        }
        session.rooms.remove(room);
        out.relayed(session, relay.leave(session, room));
        out.relayed(session, relay.publish(room,
                event("leave", session, record("system", session.name + " left the room", "system"))));
    }

    private void typing(ChatSession session, String room, boolean typing, Outbox out) {
        if (!session.rooms.contains(room)) {
            return; // only a member may say it is typing in a room
        }
        session.typingIn = typing ? room : null;
        out.relayed(session, relay.refresh(session, room));
        out.relayed(session, relay.publish(room, event("typing", session, null, "typing", typing)));
    }

    void privateMessage(ChatSession session, String to, String text, Outbox out) {
        if (to.isEmpty() || text.isEmpty()) {
            return;
        }
        Optional<ChatSession> target = state.connectedByName(to);
        Map<String, Object> pm = Fields.of("type", "pm", "from", session.name, "text", text, "ts", Fields.now());
        Map<String, Object> sent = Fields.of("type", "pm_sent", "to", to, "text", text, "ts", Fields.now());
        if (target.isPresent()) {
            out.to(target.get(), pm);
            out.to(session, sent);
            return;
        }
        // a user of another instance, found in the presence
        out.after(relay.findUser(to).thenCompose(id -> id.isEmpty() ? reply(session, error("User not found: " + to))
                : relay.publishPrivate(id.get(), pm).handle((v, failure) -> failure).thenCompose(failure ->
                        reply(session, failure == null ? sent : error("Not delivered, the chat's channel failed: "
                                + Outbox.reason(failure))))));
    }

    /** Sends an answer that needed the channel first, when its session is still connected. */
    CompletionStage<Void> reply(ChatSession session, Map<String, Object> message) {
        Outbox out = new Outbox(state);
        synchronized (state) {
            out.to(session, message);
        }
        return out.done();
    }

    void nick(ChatSession session, String raw, Outbox out) {
        String newName = state.sanitizeUsername(raw, session);
        String oldName = session.name;
        if (newName.equals(oldName)) {
            return;
        }
        session.name = newName;
        out.to(session, Fields.of("type", "nick_changed", "old_name", oldName, "new_name", newName));
        for (String room : session.rooms) {
            out.relayed(session, relay.refresh(session, room));
            out.relayed(session, relay.publish(room, event("nick", session,
                    record("system", oldName + " is now known as " + newName, "system"), "old_name", oldName)));
        }
    }

    /** Nobody waits for what a timer or a closed socket asked of the channel: a failure is logged. */
    private static void logged(CompletionStage<?> stage, String what) {
        stage.exceptionally(failure -> {
            LOG.log(System.Logger.Level.WARNING, "chat: could not " + what, failure);
            return null;
        });
    }

    /** A room event as the channel carries it: what happened, who did it, and what the history records. */
    private static Map<String, Object> event(String kind, ChatSession session, Map<String, Object> record,
            Object... more) {
        Map<String, Object> event = Fields.of("kind", kind, "user_id", session.userId, "user", session.name);
        if (record != null) {
            event.put("record", record);
        }
        event.putAll(Fields.of(more));
        return event;
    }

    private static Map<String, Object> record(String from, String text, String type) {
        return Fields.of("from", from, "text", text, "type", type, "ts", Fields.now());
    }

    static Map<String, Object> error(String message) {
        return Fields.of("type", "error", "message", message);
    }

    private static Optional<String> string(Map<?, ?> message, String name) {
        return message.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** Perl's truth, which upstream's pages rely on: false, 0, "", "0" and null are false. */
    private static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case String s -> !s.isEmpty() && !s.equals("0");
            default -> true;
        };
    }
}
