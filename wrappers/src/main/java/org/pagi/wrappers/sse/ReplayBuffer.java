package org.pagi.wrappers.sse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.pagi.wrappers.Blocking;

/**
 * A bounded, thread-safe history of events with ids, to resume a reconnecting client after the id it sends as
 * {@code Last-Event-ID}, and a fan-out to the streams attached to it.
 *
 * <p>{@link #record} keeps the last {@code capacity} events; {@link #since} answers what a client with a given
 * last id missed. When that id is not retained (too old, from before a restart, or never sent) {@link #since}
 * returns every retained event: the client may see some twice, but a duplicate is recoverable and a silent gap
 * is not. A client without a last id (a first connection) is sent nothing old.
 *
 * <p>{@link #attach} replays what a connecting client missed and then delivers every {@link #publish}ed event to
 * it, with nothing lost or repeated between the two, until it disconnects.
 */
public final class ReplayBuffer {

    private final int capacity;
    private final Deque<ServerEvent> events = new ArrayDeque<>();
    /** Not guarded by this: detaching runs from send completions, which must never wait for a publish. */
    private final Set<Sse> attached = ConcurrentHashMap.newKeySet();

    /** @param capacity how many events to keep, 1 or more */
    public ReplayBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** How many events are kept at most. */
    public int capacity() {
        return capacity;
    }

    /**
     * Adds {@code event} to the history, dropping the oldest beyond the capacity.
     *
     * @throws IllegalArgumentException when the event has no id (it could never be resumed after)
     */
    public synchronized void record(ServerEvent event) {
        if (event.id().isEmpty()) {
            throw new IllegalArgumentException("a replayed event needs an id: use ServerEvent.withId");
        }
        events.addLast(event);
        if (events.size() > capacity) {
            events.removeFirst();
        }
    }

    /** The retained events, oldest first. */
    public synchronized List<ServerEvent> events() {
        return List.copyOf(events);
    }

    /**
     * The events after the one with id {@code lastEventId}, oldest first: empty when it is the newest; every
     * retained event when it is not retained (see the class comment). The latest event with that id counts.
     */
    public synchronized List<ServerEvent> since(String lastEventId) {
        List<ServerEvent> all = List.copyOf(events);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).id().orElseThrow().equals(lastEventId)) {
                return all.subList(i + 1, all.size());
            }
        }
        return all;
    }

    /** What a client that sent {@code lastEventId} (empty: a first connection) is missing. */
    public synchronized List<ServerEvent> missedBy(Optional<String> lastEventId) {
        return lastEventId.map(this::since).orElse(List.of());
    }

    /**
     * Records {@code event} and sends it to every attached stream ({@link Sse#trySend}: a stream that has gone is
     * dropped, never failing the publisher).
     */
    public synchronized void publish(ServerEvent event) {
        record(event);
        for (Sse sse : List.copyOf(attached)) {
            sse.trySend(event).thenAccept(sent -> {
                if (!sent) {
                    detach(sse);
                }
            });
        }
    }

    /**
     * Replays to {@code sse} what its client missed (after its {@link Sse#lastEventId()}), then keeps it attached
     * so every later {@link #publish} reaches it, until it disconnects. Starts the stream when needed.
     *
     * @return completes when the replayed events were sent
     */
    public CompletionStage<Void> attach(Sse sse) {
        CompletionStage<Void> replayed;
        synchronized (this) {
            // Under the lock no publish can fall between the replay and the attachment; attached first, so it
            // is attached by the time its client sees the stream start.
            attached.add(sse);
            replayed = sse.startIfNew(); // a fresh client with nothing to replay still sees the stream start
            for (ServerEvent missed : missedBy(sse.lastEventId())) {
                replayed = sse.send(missed);
            }
        }
        sse.onDisconnect(reason -> detach(sse));
        return replayed;
    }

    /** {@link #attach(Sse)} for a blocking handler: waits until the replayed events were sent. */
    public void attach(BlockingSse sse) {
        Blocking.requireBlockingAllowed();
        Blocking.await(attach(sse.sse()));
    }

    /** How many streams are attached now. */
    public int attachedCount() {
        return attached.size();
    }

    private void detach(Sse sse) {
        attached.remove(sse);
    }
}
