package org.pagi.examples.chatshowcase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.apps.ChannelListener;
import org.pagi.wrappers.apps.ChannelMessage;
import org.pagi.wrappers.apps.ChannelPayload;
import org.pagi.wrappers.apps.ChannelPresence;
import org.pagi.wrappers.apps.ChannelSubscription;
import org.pagi.wrappers.json.Json;

/**
 * One chat instance's side of the {@link Channel} the instances share: each room is a topic
 * ({@code chat:room:<name>}) carrying its events (messages, joins, leaves, typing, nick changes) as JSON, and a
 * presence (who is in it, on any instance; a crashed instance's entries expire with the store's presence).
 *
 * <p>Order: this instance's channel operations run one after the other in the order its actions asked for them
 * ({@link SerialQueue}), so a user's presence is entered before its join is published; the events that come back
 * are handled one at a time in the channel's order by {@link RoomDelivery}, on every instance alike, so every
 * member of a room, wherever it is connected, sees the room's events in one order, its own included.
 *
 * <p>A channel without presence (the default of {@link Channel#enter}) makes user lists and counts this instance's
 * own; a channel without history makes a room's history what this instance received since it started serving the
 * room.
 */
final class ChatRelay {
    static final String TOPIC_PREFIX = "chat:room:";
    private static final System.Logger LOG = System.getLogger(ChatRelay.class.getName());
    private static final Duration RESUBSCRIBE = Duration.ofSeconds(1);

    private final Channel channel;
    private final ChatState state;
    private final boolean presence;
    private final SerialQueue outbound = new SerialQueue();
    private final SerialQueue inbound = new SerialQueue();
    private final Map<String, CompletableFuture<ChannelSubscription>> served = new ConcurrentHashMap<>();
    private final Map<String, ChannelPresence> entered = new ConcurrentHashMap<>();
    private final RoomDelivery delivery;
    private long lastStamp;
    private volatile boolean closed;

    /** The topic of private messages to users of other instances. */
    static final String PRIVATE_TOPIC = "chat:pm";

    ChatRelay(Channel channel, ChatState state) {
        this.channel = channel;
        this.state = state;
        this.presence = keepsPresence(channel);
        this.delivery = new RoomDelivery(state, this);
        if (presence) { // a user of another instance is found by its name in the presence
            served.put(PRIVATE_TOPIC, inbound.submit(() -> channel.subscribe(PRIVATE_TOPIC, new Listener(null))));
        }
    }

    /**
     * Whether {@code channel} keeps presence: {@link Channel#members}'s default fails at once, before any store is
     * asked; a channel that keeps presence answers later or succeeds.
     */
    private static boolean keepsPresence(Channel channel) {
        CompletableFuture<?> probe = channel.members(TOPIC_PREFIX + "general").toCompletableFuture();
        return !(probe.isDone() && probe.isCompletedExceptionally());
    }

    static String topic(String room) {
        return TOPIC_PREFIX + room;
    }

    boolean hasPresence() {
        return presence;
    }

    // ---- rooms: one subscription each, started from the channel's history ----

    /**
     * Subscribes to {@code room}, or again when the last subscription failed (the store was away).
     *
     * @return completes when this instance is subscribed to {@code room} (and has recorded its history)
     */
    CompletableFuture<Void> serve(String room) {
        return served.compute(room, (r, sub) -> sub == null || sub.isCompletedExceptionally()
                ? inbound.submit(() -> subscribe(r)) : sub).thenApply(s -> null);
    }

    private CompletionStage<ChannelSubscription> subscribe(String room) {
        String topic = topic(room);
        CompletionStage<ChannelSubscription> subscribed = channel.subscribe(topic, new Listener(room));
        if (channel.historyLength() == 0) {
            return subscribed;
        }
        // subscribed first: what is published meanwhile is both in the history and delivered, once recorded
        return subscribed.thenCompose(sub -> channel.history(topic, Optional.empty(), ChatState.MAX_MESSAGES_PER_ROOM)
                .handle((history, failure) -> {
                    if (failure != null) {
                        LOG.log(System.Logger.Level.WARNING, "chat: no history for room " + room, failure);
                    } else {
                        delivery.seed(room, history.messages());
                    }
                    return sub;
                }));
    }

    /** The instance stops: every subscription is closed, and none is made again. */
    void close() {
        closed = true;
        for (String topic : List.copyOf(served.keySet())) {
            CompletableFuture<ChannelSubscription> sub = served.remove(topic);
            if (sub != null) {
                sub.thenAccept(ChannelSubscription::close);
            }
        }
    }

    /** This instance no longer has {@code room}: stops receiving its events. */
    void unserve(String room) {
        CompletableFuture<ChannelSubscription> sub = served.remove(room);
        if (sub != null) {
            sub.thenAccept(ChannelSubscription::close);
        }
    }

    /** One room's events: handed to the delivery queue, never handled on the channel's thread. */
    private final class Listener implements ChannelListener {
        private final String room;

        Listener(String room) {
            this.room = room;
        }

        @Override
        public void onMessage(ChannelMessage message) {
            inbound.submit(() -> room == null ? delivery.deliverPrivate(message) : delivery.deliver(room, message))
                    .exceptionally(failure -> {
                LOG.log(System.Logger.Level.WARNING, "chat: an event of room " + room + " was not delivered", failure);
                return null;
            });
        }

        @Override
        public void onFailure(Throwable cause) {
            if (closed) {
                return; // the instance is stopping: its subscriptions end with it
            }
            LOG.log(System.Logger.Level.WARNING, "chat: the subscription to " + (room == null ? PRIVATE_TOPIC
                    : "room " + room) + " ended", cause);
            if (room == null) {
                Later.after(RESUBSCRIBE, () -> served.put(PRIVATE_TOPIC,
                        inbound.submit(() -> channel.subscribe(PRIVATE_TOPIC, new Listener(null)))));
                return;
            }
            served.remove(room);
            Later.after(RESUBSCRIBE, () -> {
                if (state.room(room).isPresent()) {
                    serve(room);
                }
            });
        }
    }

    // ---- this instance's operations, in order ----

    /**
     * Publishes {@code event} on {@code room}'s topic, after every operation asked for before.
     *
     * @return completes when the channel took it; fails when it refused it (the store is away)
     */
    CompletableFuture<Void> publish(String room, Map<String, Object> event) {
        ChannelPayload payload = ChannelPayload.text(Json.encode(event).utf8());
        return outbound.submit(() -> serve(room).thenCompose(v -> channel.publish(topic(room), payload)))
                .thenApply(m -> null);
    }

    /**
     * Sends a private message to the user {@code toId} of another instance, after every operation asked for
     * before.
     *
     * @return completes when the channel took it
     */
    CompletableFuture<Void> publishPrivate(String toId, Map<String, Object> message) {
        Map<String, Object> addressed = Fields.of("to_id", toId);
        addressed.putAll(message);
        ChannelPayload payload = ChannelPayload.text(Json.encode(addressed).utf8());
        return outbound.submit(() -> channel.publish(PRIVATE_TOPIC, payload)).thenApply(m -> null);
    }

    /**
     * @return the user id of a connected user named {@code name} on any instance (everyone is in {@code general}),
     *     empty when there is none or the channel keeps no presence
     */
    CompletionStage<Optional<String>> findUser(String name) {
        if (!presence) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return users("general").thenApply(users -> users.stream().filter(u -> name.equals(u.get("name")))
                .map(u -> (String) u.get("id")).findFirst());
    }

    /** Enters {@code session} in {@code room}'s presence (a new entry, ordered after every earlier one). */
    CompletableFuture<Void> enter(ChatSession session, String room) {
        String member = session.memberIds.computeIfAbsent(room, r -> stamp() + "-" + session.userId);
        String info = session.presenceInfo(room);
        if (!presence) {
            return CompletableFuture.completedFuture(null);
        }
        return outbound.submit(() -> serve(room).thenCompose(v -> channel.enter(topic(room), member, info)))
                .thenAccept(p -> entered.put(room + "\n" + member, p));
    }

    /** Replaces what {@code room}'s presence shows of {@code session} (name, typing, away). */
    CompletableFuture<Void> refresh(ChatSession session, String room) {
        String member = session.memberIds.get(room);
        String info = session.presenceInfo(room);
        if (!presence || member == null) {
            return CompletableFuture.completedFuture(null);
        }
        return outbound.submit(() -> {
            ChannelPresence p = entered.get(room + "\n" + member);
            return p == null ? CompletableFuture.completedFuture(null) : p.update(info);
        });
    }

    /** Takes {@code session} out of {@code room}'s presence. */
    CompletableFuture<Void> leave(ChatSession session, String room) {
        String member = session.memberIds.remove(room);
        if (!presence || member == null) {
            return CompletableFuture.completedFuture(null);
        }
        return outbound.submit(() -> {
            ChannelPresence p = entered.remove(room + "\n" + member);
            return p == null ? CompletableFuture.completedFuture(null) : p.leave();
        });
    }

    /**
     * A member id's prefix: the time in microseconds (the wall clock, which the instances share to within what
     * their joins are apart), strictly increasing on this instance, so lists keep joining order across instances.
     */
    private synchronized String stamp() {
        Instant now = Instant.now();
        lastStamp = Math.max(lastStamp + 1, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000);
        return String.format("%017d", lastStamp);
    }

    // ---- what the others see ----

    /**
     * @return the connected users in {@code room}, {@code {id, name, typing}} each, in joining order: on every
     *     instance from the presence, else this instance's
     */
    CompletionStage<List<Map<String, Object>>> users(String room) {
        if (!presence) {
            return CompletableFuture.completedFuture(state.roomUsers(room));
        }
        return channel.members(topic(room)).thenApply(members -> members.values().stream()
                .map(ChatRelay::decode).filter(info -> !Boolean.TRUE.equals(info.get("away")))
                .map(info -> Fields.of("id", info.get("id"), "name", info.get("name"),
                        "typing", Boolean.TRUE.equals(info.get("typing"))))
                .toList());
    }

    /** @return how many users are in {@code room} (those in their grace period included), on every instance */
    CompletionStage<Integer> count(String room) {
        if (!presence) {
            return CompletableFuture.completedFuture(state.memberCount(room));
        }
        return channel.members(topic(room)).thenApply(Map::size);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> decode(String json) {
        return Json.decode(Bytes.utf8(json), Map.class);
    }
}
