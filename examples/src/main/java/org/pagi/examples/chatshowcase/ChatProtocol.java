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
 * {@code /} is a command, see {@link ChatCommands}), and the presence grace period when it closes. Thread-safe:
 * each action holds the {@link ChatState} while it changes it and queues its sends.
 */
public final class ChatProtocol {
    private final ChatState state;
    private final ChatOptions options;
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

    ChatProtocol(ChatState state, ChatOptions options) {
        this.state = state;
        this.options = options;
        this.commands = new ChatCommands(this, state);
    }

    /**
     * A socket opened with the query {@code session} (resume that session, if it exists and is not connected
     * elsewhere), {@code name} (for a new session; "Anonymous" when empty) and {@code lastMsgId} (a resumed page
     * gets the messages after it).
     */
    public Connection connect(QueryParams query, Peer peer) {
        Outbox out = new Outbox();
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
        Outbox out = new Outbox();
        synchronized (state) {
            if (session.peer == peer) {
                out.to(session, Fields.of("type", "ping", "ts", Fields.now()));
            }
        }
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
            session.timer = Later.after(options.presenceGrace(), () -> expire(session));
        }
    }

    private void expire(ChatSession session) {
        Outbox out = new Outbox();
        synchronized (state) {
            if (session.connected() || state.session(session.id).orElse(null) != session) {
                return; // resumed in time
            }
            for (String room : List.copyOf(session.rooms)) {
                out.toAll(state.connectedMembers(room, session), Fields.of("type", "user_left", "room", room,
                        "user", session.name, "users", state.roomUsers(room)));
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
        Outbox out = new Outbox();
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
        Map<String, Object> stored = state.addMessage(room, session.name, text, "message");
        session.lastMessageId = ((Number) stored.get("id")).longValue();
        if (session.typingIn != null) {
            session.typingIn = null;
            out.toAll(state.connectedMembers(room, session),
                    Fields.of("type", "typing", "room", room, "user", session.name, "typing", false));
        }
        out.toAll(state.connectedMembers(room, null), Fields.of("type", "message", "room", room,
                "from", session.name, "text", text, "ts", stored.get("ts"), "id", stored.get("id")));
    }

    void join(ChatSession session, String room, Outbox out) {
        if (session.rooms.contains(room)) {
            out.to(session, error("You are already in room: " + room));
            return;
        }
        state.addToRoom(session, room);
        out.to(session, Fields.of("type", "joined", "room", room, "history", state.messages(room, 50),
                "users", state.roomUsers(room)));
        out.toAll(state.connectedMembers(room, session), Fields.of("type", "user_joined", "room", room,
                "user", session.name, "users", state.roomUsers(room)));
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
        state.removeFromRoom(session, room, false);
        out.to(session, Fields.of("type", "left", "room", room));
        out.toAll(state.connectedMembers(room, null), Fields.of("type", "user_left", "room", room,
                "user", session.name, "users", state.roomUsers(room)));
    }

    private void typing(ChatSession session, String room, boolean typing, Outbox out) {
        if (!session.rooms.contains(room)) {
            return; // only a member may say it is typing in a room
        }
        session.typingIn = typing ? room : null;
        out.toAll(state.connectedMembers(room, session),
                Fields.of("type", "typing", "room", room, "user", session.name, "typing", typing));
    }

    void privateMessage(ChatSession session, String to, String text, Outbox out) {
        if (to.isEmpty() || text.isEmpty()) {
            return;
        }
        Optional<ChatSession> target = state.connectedByName(to);
        if (target.isEmpty()) {
            out.to(session, error("User not found: " + to));
            return;
        }
        out.to(target.get(), Fields.of("type", "pm", "from", session.name, "text", text, "ts", Fields.now()));
        out.to(session, Fields.of("type", "pm_sent", "to", to, "text", text, "ts", Fields.now()));
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
            state.addMessage(room, "system", oldName + " is now known as " + newName, "system");
            out.toAll(state.connectedMembers(room, session), Fields.of("type", "nick_changed", "room", room,
                    "old_name", oldName, "new_name", newName, "users", state.roomUsers(room)));
        }
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
