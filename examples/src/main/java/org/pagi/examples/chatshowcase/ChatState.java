package org.pagi.examples.chatshowcase;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.sse.ReplayBuffer;
import org.pagi.wrappers.sse.ServerEvent;

/**
 * Everything the chat shares, as upstream's {@code ChatApp::State}: sessions, rooms with their last 100 messages,
 * and the system events the SSE stream carries (the last 50 kept for {@code Last-Event-ID}). Every method runs
 * under this object's monitor; {@link ChatProtocol} holds it across a change and the sends that report it, so
 * every user sees changes in one order.
 */
public final class ChatState {
    static final int MAX_MESSAGES_PER_ROOM = 100;
    static final int MAX_SYSTEM_EVENTS = 50;
    static final List<String> DEFAULT_ROOMS = List.of("general", "random", "help");

    private static final Pattern NOT_WORD = Pattern.compile("[^\\w]", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern NOT_ROOM = Pattern.compile("[^\\w-]", Pattern.UNICODE_CHARACTER_CLASS);
    private static final SecureRandom IDS = new SecureRandom();

    /** A room: its members (session ids, in joining order) and its last messages. */
    static final class Room {
        final String name;
        final Set<String> members = new LinkedHashSet<>();
        final Deque<Map<String, Object>> messages = new ArrayDeque<>();
        final BigDecimal createdAt = Fields.now();

        Room(String name) {
            this.name = name;
        }
    }

    private final Map<String, ChatSession> sessions = new TreeMap<>();
    private final Map<String, Room> rooms = new TreeMap<>();
    private final ReplayBuffer systemEvents = new ReplayBuffer(MAX_SYSTEM_EVENTS);
    private final long started = System.nanoTime();
    private long messageCounter;
    private long eventCounter;
    private int sseSubscribers;

    ChatState() {
        DEFAULT_ROOMS.forEach(name -> addRoom(name, "system"));
    }

    // ---- sessions ----

    synchronized Optional<ChatSession> session(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** @return a connected session named {@code name} */
    synchronized Optional<ChatSession> connectedByName(String name) {
        return sessions.values().stream().filter(s -> s.connected() && s.name.equals(name)).findFirst();
    }

    synchronized ChatSession createSession(String name, Peer peer) {
        ChatSession session = new ChatSession(randomId(32), randomId(8), name);
        session.peer = peer;
        sessions.put(session.id, session);
        systemEvent("user_connected", Fields.of("user", name, "count", usersOnline()));
        return session;
    }

    /** Forgets a session after its grace period: out of every room, silently, then gone. */
    synchronized void removeSession(ChatSession session) {
        for (String room : List.copyOf(session.rooms)) {
            removeFromRoom(session, room, true);
        }
        sessions.remove(session.id);
        systemEvent("user_disconnected", Fields.of("user", session.name, "count", usersOnline()));
    }

    /**
     * Upstream's {@code sanitize_username}: word characters only (others become {@code _}), at most 20, a
     * made-up name below 2, and a number added while another connected user has it.
     */
    synchronized String sanitizeUsername(String raw, ChatSession self) {
        String name = truncate(NOT_WORD.matcher(raw).replaceAll("_"), 20);
        if (name.length() < 2) {
            name = "User" + ThreadLocalRandom.current().nextInt(1000);
        }
        String base = name;
        int suffix = 1;
        while (taken(name, self)) {
            name = base + suffix++;
        }
        return name;
    }

    private boolean taken(String name, ChatSession self) {
        return sessions.values().stream().anyMatch(s -> s != self && s.connected() && s.name.equals(name));
    }

    /** Upstream's {@code sanitize_room_name}: word characters and {@code -}, lower case, at most 30. */
    static String sanitizeRoomName(String raw) {
        String name = truncate(NOT_ROOM.matcher(raw == null ? "" : raw).replaceAll("_"), 30).toLowerCase();
        return name.length() < 2 ? "room" + ThreadLocalRandom.current().nextInt(1000) : name;
    }

    private static String truncate(String s, int codePoints) {
        return s.codePointCount(0, s.length()) <= codePoints ? s : s.substring(0, s.offsetByCodePoints(0, codePoints));
    }

    private static String randomId(int bytes) {
        byte[] id = new byte[bytes];
        IDS.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    // ---- rooms ----

    synchronized Optional<Room> room(String name) {
        return Optional.ofNullable(rooms.get(name));
    }

    /** @return the rooms, sorted by name */
    synchronized List<Room> rooms() {
        return List.copyOf(rooms.values());
    }

    private Room addRoom(String name, String createdBy) {
        Room room = new Room(name);
        rooms.put(name, room);
        systemEvent("room_created", Fields.of("room", name, "created_by", createdBy));
        return room;
    }

    /** Adds {@code session} to {@code name}, creating the room; records "X joined the room". */
    synchronized void addToRoom(ChatSession session, String name) {
        Room room = rooms.containsKey(name) ? rooms.get(name) : addRoom(name, session.name);
        room.members.add(session.id);
        session.rooms.add(name);
        addMessage(name, "system", session.name + " joined the room", "system");
    }

    /**
     * Takes {@code session} out of {@code name}; unless {@code silent}, records "X left the room". An empty room
     * that is not a default one is deleted.
     */
    synchronized void removeFromRoom(ChatSession session, String name, boolean silent) {
        Room room = rooms.get(name);
        if (room == null) {
            return;
        }
        room.members.remove(session.id);
        session.rooms.remove(name);
        if (!silent) {
            addMessage(name, "system", session.name + " left the room", "system");
        }
        if (room.members.isEmpty() && !DEFAULT_ROOMS.contains(name)) {
            rooms.remove(name);
            systemEvent("room_deleted", Fields.of("room", name));
        }
    }

    /** @return the connected members of room {@code name}: {@code {id, name, typing}} each */
    synchronized List<Map<String, Object>> roomUsers(String name) {
        Room room = rooms.get(name);
        List<Map<String, Object>> users = new ArrayList<>();
        if (room != null) {
            for (String id : room.members) {
                ChatSession s = sessions.get(id);
                if (s != null && s.connected()) {
                    users.add(Fields.of("id", s.userId, "name", s.name, "typing", name.equals(s.typingIn)));
                }
            }
        }
        return users;
    }

    /** @return the connected members of room {@code name} but {@code except} (may be null) */
    synchronized List<ChatSession> connectedMembers(String name, ChatSession except) {
        Room room = rooms.get(name);
        return room == null ? List.of() : room.members.stream().map(sessions::get)
                .filter(s -> s != null && s.connected() && s != except).toList();
    }

    // ---- messages ----

    /** Stores a message ({@code {id, from, text, type, ts}}), keeping the room's last 100; null without room. */
    synchronized Map<String, Object> addMessage(String room, String from, String text, String type) {
        Room r = rooms.get(room);
        if (r == null) {
            return null;
        }
        Map<String, Object> message = Fields.of("id", ++messageCounter, "from", from, "text", text, "type", type,
                "ts", Fields.now());
        r.messages.addLast(message);
        if (r.messages.size() > MAX_MESSAGES_PER_ROOM) {
            r.messages.removeFirst();
        }
        return message;
    }

    /** @return the last {@code limit} messages of {@code room}, oldest first */
    synchronized List<Map<String, Object>> messages(String room, int limit) {
        Room r = rooms.get(room);
        if (r == null) {
            return List.of();
        }
        List<Map<String, Object>> all = List.copyOf(r.messages);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    /** @return the messages of {@code room} with an id above {@code sinceId}, for a resumed session */
    synchronized List<Map<String, Object>> messagesSince(String room, long sinceId) {
        return messages(room, MAX_MESSAGES_PER_ROOM).stream()
                .filter(m -> ((Number) m.get("id")).longValue() > sinceId).toList();
    }

    // ---- system events and statistics ----

    /** Records a system event with the next id and sends it to every attached SSE stream. */
    synchronized void systemEvent(String type, Map<String, Object> data) {
        systemEvents.publish(ServerEvent.named(type, Json.encode(data).utf8()).withId(Long.toString(++eventCounter)));
    }

    /** The history and fan-out of system events, which {@link SystemEvents} attaches streams to. */
    ReplayBuffer systemEvents() {
        return systemEvents;
    }

    synchronized void sseSubscribed(int change) {
        sseSubscribers += change;
    }

    private int usersOnline() {
        return (int) sessions.values().stream().filter(ChatSession::connected).count();
    }

    /** @return {@code {uptime, users_online, rooms_count, messages_total, sse_subscribers}}, as upstream */
    public synchronized Map<String, Object> stats() {
        int messages = rooms.values().stream().mapToInt(r -> r.messages.size()).sum();
        return Fields.of("uptime", (System.nanoTime() - started) / 1_000_000_000L, "users_online", usersOnline(),
                "rooms_count", rooms.size(), "messages_total", messages, "sse_subscribers", sseSubscribers);
    }
}
