package org.pagi.wrappers.apps;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * A multi-room chat over WebSocket with upstream's JSON protocol ({@code PAGI::App::WebSocket::Chat}). Each
 * client gets a user id and the name {@code user_<id>}, joins {@code defaultRoom}, and sends JSON objects with a
 * {@code type}:
 *
 * <ul>
 *   <li>{@code {"type":"message","message":"...","room":"..."}} (the default type): to the room named, or to every
 *       room the user is in; the others receive {@code {"type":"message","room","user_id","username","message",
 *       "timestamp"}} (seconds since the epoch), the sender does not.</li>
 *   <li>{@code {"type":"join","room":"..."}} (default room when absent) answers {@code {"type":"joined","room"}} and
 *       tells the room's members {@code {"type":"user_joined","room","user_id","username"}}; a new room beyond
 *       {@code maxRooms} answers {@code {"type":"error","message":"Max rooms reached"}}.</li>
 *   <li>{@code {"type":"leave","room":"..."}} answers {@code {"type":"left","room"}}; the others get
 *       {@code user_left}. Closing the socket leaves every room.</li>
 *   <li>{@code {"type":"nick","username":"..."}}: the name keeps word characters and {@code -}, at most 20;
 *       answers {@code {"type":"nick","username"}}.</li>
 *   <li>{@code {"type":"list","room":"..."}} answers {@code {"type":"users","room","users":[names]}};
 *       {@code {"type":"rooms"}} answers {@code {"type":"rooms","rooms":[{"name","count"}]}}.</li>
 * </ul>
 *
 * <p>On connect the client receives {@code {"type":"welcome","user_id","username","room"}}. Where upstream
 * ignores bad input this app answers {@code {"type":"error","message":...}} naming it: not JSON, not an object,
 * a binary message, an unknown type, a field of the wrong type, a room name that is empty, longer than
 * {@value #MAX_ROOM_NAME} characters or holds a control character, a room the user is not in, a room that does
 * not exist. Messages travel through the {@link Channel} (topic {@code topicPrefix + room}), so that a shared
 * channel carries them to other processes. When the channel keeps presence ({@link Channel#enter}: the in-memory
 * and Redis channels), each user in a room is a member of its topic (member id: this app's instance tag and the
 * user id; info: the name, updated by {@code nick}; leaving the room or closing leaves it), and {@code list} answers
 * the members of every process, ordered by member id; on a channel without presence it answers this process's
 * users in joining order. {@code rooms} and {@code maxRooms} count this process's rooms. Each client has a
 * bounded queue as in {@link WebSocketBroadcast}: a slow reader is dropped with 1008.
 */
public final class WebSocketChat implements Application {
    /** The longest room name. */
    public static final int MAX_ROOM_NAME = 64;

    private final Channel channel;
    private final String defaultRoom;
    private final String topicPrefix;
    private final int maxMessageSize;
    private final int maxQueuedMessages;
    private final long maxQueuedBytes;
    private final Duration keepalive;
    private final WebSocketChatRooms rooms;
    private final String instance = ChannelSettings.instanceTag();
    private final boolean presence;
    private final AtomicLong nextUserId = new AtomicLong();

    private WebSocketChat(Builder b) {
        this.channel = b.channelOrNew();
        this.defaultRoom = b.defaultRoom;
        this.topicPrefix = b.topicPrefix;
        this.maxMessageSize = b.maxMessageSize;
        this.maxQueuedMessages = b.maxQueuedMessagesValue();
        this.maxQueuedBytes = b.maxQueuedBytesValue();
        this.keepalive = b.keepaliveValue();
        this.rooms = new WebSocketChatRooms(b.maxRooms);
        this.presence = ChannelSettings.hasPresence(channel);
    }

    /** @return a chat on its own in-memory channel, default room {@code lobby}, at most 100 rooms */
    public static WebSocketChat create() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the channel the rooms' messages go through */
    public Channel channel() {
        return channel;
    }

    /** @return how many rooms have members in this process */
    public int roomCount() {
        return rooms.count();
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        // Another scope type throws UnsupportedScopeException, which the spec allows as the call's failure.
        WebSocket ws = WebSocket.of(scope, receive, send).maxMessageSize(maxMessageSize);
        WebSocketChatSession session = new WebSocketChatSession(this, ws, nextUserId.incrementAndGet());
        return ws.accept()
                .thenCompose(v -> ChannelSettings.keepalive(ws, keepalive))
                .thenCompose(v -> session.start())
                .thenCompose(v -> ws.forEach(session::handle))
                .handle((v, e) -> e)
                .thenCompose(session::finish);
    }

    WebSocketChatRooms rooms() {
        return rooms;
    }

    String defaultRoom() {
        return defaultRoom;
    }

    String instance() {
        return instance;
    }

    /** @return whether the users of a room are the channel's members of its topic, across processes */
    boolean presence() {
        return presence;
    }

    int maxQueuedMessages() {
        return maxQueuedMessages;
    }

    long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    String topicOf(String room) {
        return topicPrefix + room;
    }

    /** @return {@code room} @throws IllegalArgumentException naming what is wrong with it */
    String checkRoom(String room) {
        return checkRoomName("room", room);
    }

    private static String checkRoomName(String what, String room) {
        Objects.requireNonNull(room, what);
        if (room.isEmpty() || room.length() > MAX_ROOM_NAME) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_ROOM_NAME + " characters, got "
                    + room.length());
        }
        if (room.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must not hold control characters");
        }
        return room;
    }

    /** The chat's settings; each is checked when set, naming it. */
    public static final class Builder extends ChannelAppBuilder<Builder> {
        private String defaultRoom = "lobby";
        private String topicPrefix = "chat:";
        private int maxRooms = 100;
        private int maxMessageSize = ChannelSettings.DEFAULT_MAX_MESSAGE_SIZE;

        private Builder() {
        }

        /**
         * @param room the room every client joins on connect (default {@code lobby})
         * @return this
         * @throws IllegalArgumentException naming {@code defaultRoom} when it is not a valid room name
         */
        public Builder defaultRoom(String room) {
            this.defaultRoom = checkRoomName("defaultRoom", room);
            return this;
        }

        /**
         * @param prefix put before a room's name to make its channel topic (default {@code chat:}); may be empty
         * @return this
         * @throws IllegalArgumentException naming {@code topicPrefix} when longer than 128 characters or holding a
         *     control character
         */
        public Builder topicPrefix(String prefix) {
            Objects.requireNonNull(prefix, "topicPrefix");
            if (prefix.length() > 128 || prefix.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("topicPrefix must be at most 128 characters without control"
                        + " characters");
            }
            this.topicPrefix = prefix;
            return this;
        }

        /**
         * @param count how many rooms may have members at once (default 100, as upstream)
         * @return this
         * @throws IllegalArgumentException naming {@code maxRooms} when not positive
         */
        public Builder maxRooms(int count) {
            this.maxRooms = ChannelSettings.positive("maxRooms", count);
            return this;
        }

        /**
         * @param bytes the largest message a client may send (default 64 KiB); larger closes it with 1009
         * @return this
         * @throws IllegalArgumentException naming {@code maxMessageSize} when not positive
         */
        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = ChannelSettings.positive("maxMessageSize", bytes);
            return this;
        }

        /** @return the app */
        public WebSocketChat build() {
            return new WebSocketChat(this);
        }
    }
}
