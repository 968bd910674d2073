package org.pagi.wrappers.apps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who is in which room, for one {@link WebSocketChat} in this process: what {@code list} and {@code rooms}
 * answer and what {@code maxRooms} counts. Messages themselves travel through the channel.
 */
final class WebSocketChatRooms {
    private final int maxRooms;
    /** room → user id → member, rooms sorted by name so that listings are stable. */
    private final Map<String, Map<Long, WebSocketChatSession>> rooms = new TreeMap<>();

    WebSocketChatRooms(int maxRooms) {
        this.maxRooms = maxRooms;
    }

    /** @return false when {@code room} is new and {@code maxRooms} rooms exist already */
    synchronized boolean join(String room, WebSocketChatSession member) {
        Map<Long, WebSocketChatSession> members = rooms.get(room);
        if (members == null) {
            if (rooms.size() >= maxRooms) {
                return false;
            }
            members = new LinkedHashMap<>();
            rooms.put(room, members);
        }
        members.put(member.userId(), member);
        return true;
    }

    /** Removes the member; an empty room goes. */
    synchronized void leave(String room, long userId) {
        Map<Long, WebSocketChatSession> members = rooms.get(room);
        if (members != null) {
            members.remove(userId);
            if (members.isEmpty()) {
                rooms.remove(room);
            }
        }
    }

    /** @return the members' names in joining order; empty when the room does not exist */
    synchronized Optional<List<String>> users(String room) {
        Map<Long, WebSocketChatSession> members = rooms.get(room);
        return members == null ? Optional.empty()
                : Optional.of(members.values().stream().map(WebSocketChatSession::username).toList());
    }

    /** @return each room's name and member count, by name */
    synchronized List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        rooms.forEach((name, members) -> {
            Map<String, Object> room = new LinkedHashMap<>();
            room.put("name", name);
            room.put("count", members.size());
            out.add(room);
        });
        return out;
    }

    synchronized int count() {
        return rooms.size();
    }
}
