package org.pagi.examples.chatshowcase;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayDeque;
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
 * What one chat instance holds, as upstream's {@code ChatApp::State}: its sessions, the rooms it knows with their
 * last 100 messages, and the system events its SSE stream carries (the last 50 kept for {@code Last-Event-ID}).
 * Every method runs under this object's monitor; {@link ChatProtocol} holds it across a change and the sends that
 * report it.
 *
 * <p>With several instances on one channel, a room's messages and members' comings and goings reach every
 * instance through the channel ({@link ChatRelay}); each instance records them as they arrive, numbering them itself
 * (the {@code id} a page sends back as {@code lastMsgId} to the same instance when it resumes), and a room new to an
 * instance starts from the channel's history when the channel keeps one.
 */
public final class ChatState {
    static final int MAX_MESSAGES_PER_ROOM = 100;
    static final int MAX_SYSTEM_EVENTS = 50;
    static final List<String> DEFAULT_ROOMS = List.of("general", "random", "help");

    private static final Pattern NOT_WORD = Pattern.compile("[^\\w]", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern NOT_ROOM = Pattern.compile("[^\\w-]", Pattern.UNICODE_CHARACTER_CLASS);
    private static final SecureRandom IDS = new SecureRandom();

    /**
     * A room: the user ids of this instance's sessions that receive its events (in joining order; a session is
     * added when its own join comes back from the channel, so it gets every event after its {@code joined}) and its
     * last messages.
     */
    static final class Room {
        final String name;
        final Set<String> members = new LinkedHashSet<>();
        /** Ids of channel messages recorded from the history when this instance started serving the room. */
        final Set<String> seeded = new java.util.HashSet<>();
        final Deque<Map<String, Object>> messages = new ArrayDeque<>();
        final BigDecimal createdAt = Fields.now();

        Room(String name) {
            this.name = name;
        }
    }

    private final Map<String, ChatSession> sessions = new TreeMap<>();
    private final Map<String, Room> rooms = new TreeMap<>();
    private final ReplayBuffer systemEvents = new ReplayBuffer(MAX_SYSTEM_EVENTS);
    private final SendQueue sends = new SendQueue();
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

    /** @return the session whose public id is {@code userId} */
    synchronized Optional<ChatSession> byUserId(String userId) {
        return sessions.values().stream().filter(s -> s.userId.equals(userId)).findFirst();
    }

    synchronized ChatSession createSession(String name, Peer peer) {
        ChatSession session = new ChatSession(randomId(32), randomId(8), name);
        session.peer = peer;
        sessions.put(session.id, session);
        systemEvent("user_connected", Fields.of("user", name, "count", usersOnline()));
        return session;
    }

    /** Forgets a session after its grace period; its rooms are told by the channel ({@link #leaveRoom}). */
    synchronized void removeSession(ChatSession session) {
        session.rooms.clear();
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

    /** @return the room {@code name}, created (and announced on the SSE stream) when this instance lacks it */
    synchronized Room openRoom(String name, String createdBy) {
        return rooms.containsKey(name) ? rooms.get(name) : addRoom(name, createdBy);
    }

    /** {@code userId}'s join of {@code name} came back from the channel: it receives the room's events from now. */
    synchronized void enterRoom(String userId, String name) {
        Room room = rooms.get(name);
        if (room != null) {
            room.members.add(userId);
        }
    }

    /**
     * {@code userId}'s leaving of {@code name} came back from the channel: it receives no more of the room's
     * events. A room that is not a default one is deleted once no session of this instance is in it.
     *
     * @return whether the room was deleted (this instance stops serving it)
     */
    synchronized boolean leaveRoom(String userId, String name) {
        Room room = rooms.get(name);
        if (room == null) {
            return false;
        }
        room.members.remove(userId);
        boolean inUse = !room.members.isEmpty() || sessions.values().stream().anyMatch(s -> s.rooms.contains(name));
        if (inUse || DEFAULT_ROOMS.contains(name)) {
            return false;
        }
        rooms.remove(name);
        systemEvent("room_deleted", Fields.of("room", name));
        return true;
    }

    /** @return how many of this instance's sessions receive room {@code name}'s events */
    synchronized int memberCount(String name) {
        Room room = rooms.get(name);
        return room == null ? 0 : room.members.size();
    }

    /** @return this instance's connected members of room {@code name}: {@code {id, name, typing}} each */
    synchronized List<Map<String, Object>> roomUsers(String name) {
        return connectedMembers(name, null).stream().map(s -> s.entry(name)).toList();
    }

    /** @return this instance's connected members of room {@code name} but {@code exceptUserId} (may be null) */
    synchronized List<ChatSession> connectedMembers(String name, String exceptUserId) {
        Room room = rooms.get(name);
        return room == null ? List.of() : room.members.stream().filter(id -> !id.equals(exceptUserId))
                .map(id -> byUserId(id).orElse(null)).filter(s -> s != null && s.connected()).toList();
    }

    // ---- messages ----

    /**
     * Records a message of {@code room} ({@code {from, text, type, ts}}) with this instance's next id, keeping the
     * room's last 100.
     *
     * @return the stored message ({@code {id, from, text, type, ts}}); null when this instance lacks the room
     */
    synchronized Map<String, Object> record(String room, Map<?, ?> message) {
        Room r = rooms.get(room);
        if (r == null) {
            return null;
        }
        Map<String, Object> stored = Fields.of("id", ++messageCounter, "from", message.get("from"),
                "text", message.get("text"), "type", message.get("type"), "ts", message.get("ts"));
        r.messages.addLast(stored);
        if (r.messages.size() > MAX_MESSAGES_PER_ROOM) {
            r.messages.removeFirst();
        }
        return stored;
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

    /** The instance's socket sends, queued under this lock and carried out after it ({@link Outbox}). */
    SendQueue sends() {
        return sends;
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
