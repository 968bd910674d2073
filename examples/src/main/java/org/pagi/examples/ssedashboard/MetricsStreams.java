package org.pagi.examples.ssedashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.apps.ChannelHistory;
import org.pagi.wrappers.apps.ChannelListener;
import org.pagi.wrappers.apps.ChannelMessage;
import org.pagi.wrappers.apps.ChannelSubscription;
import org.pagi.wrappers.sse.ReplayBuffer;
import org.pagi.wrappers.sse.ServerEvent;
import org.pagi.wrappers.sse.Sse;

/**
 * This instance's subscription to the readings topic and the streams it feeds. A browser that comes back with
 * {@code Last-Event-ID} is sent what it missed from the channel's history ({@link Channel#history}) when the channel
 * keeps one, so the resume works on an instance that never saw those readings (another instance behind the same
 * proxy); on a channel without history, from this instance's own record of the last ones it received.
 *
 * <p>No gap and no repeat between the replay and the live events: a resuming stream is attached to the live feed
 * first, with its events held; then the history is read and sent, then the held events it did not contain, and a
 * replayed event that a store delivers live only later is skipped then. The
 * history is read without this object's lock, since an in-memory channel may deliver a publish (and so call
 * {@link #onMessage}) while holding its own lock. Thread-safe.
 */
final class MetricsStreams implements ChannelListener {
    private static final System.Logger LOG = System.getLogger(MetricsStreams.class.getName());

    private final Channel channel;
    private final String topic;
    private final int historySize;
    /** What this instance received, for resumes when the channel keeps no history; null when it keeps one. */
    private final ReplayBuffer received;
    /**
     * The streams fed live, each with the ids it was replayed that may still arrive live (a store may deliver a
     * message published before the history read after it): skipped once, forgotten at the first newer event.
     */
    private final Map<Sse, Set<String>> live = new HashMap<>();
    /** Resuming streams and the live events that arrived while their history was read. */
    private final Map<Sse, List<ServerEvent>> held = new LinkedHashMap<>();
    private CompletableFuture<ChannelSubscription> subscription;
    private boolean closed;

    MetricsStreams(Channel channel, String topic, int historySize) {
        this.channel = channel;
        this.topic = topic;
        this.historySize = historySize;
        this.received = channel.historyLength() > 0 ? null : new ReplayBuffer(historySize);
    }

    /**
     * Subscribes now, or again when the last subscription failed; a channel without history must be subscribed
     * to before the first browser leaves, so that its record holds what that browser misses.
     *
     * @return completes when the subscription is open
     */
    synchronized CompletionStage<ChannelSubscription> subscribed() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the dashboard was closed"));
        }
        if (subscription == null || subscription.isCompletedExceptionally()) {
            subscription = channel.subscribe(topic, this).toCompletableFuture();
        }
        return subscription;
    }

    @Override
    public synchronized void onMessage(ChannelMessage message) {
        ServerEvent event = message.payload().event().map(name -> ServerEvent.named(name, message.payload().text()))
                .orElseGet(() -> ServerEvent.of(message.payload().text())).withId(message.id());
        if (received != null) {
            received.record(event);
        }
        held.values().forEach(events -> events.add(event));
        for (Map.Entry<Sse, Set<String>> stream : List.copyOf(live.entrySet())) {
            Set<String> replayed = stream.getValue();
            if (replayed.remove(message.id())) {
                continue; // it was in the replay
            }
            replayed.clear(); // the live feed has passed the replay
            Sse sse = stream.getKey();
            sse.trySend(event).thenAccept(sent -> {
                if (!sent) {
                    detach(sse);
                }
            });
        }
    }

    /** The application stops: the subscription is closed, and none is made again. */
    synchronized void close() {
        closed = true;
        if (subscription != null) {
            subscription.thenAccept(ChannelSubscription::close);
        }
    }

    @Override
    public synchronized void onFailure(Throwable cause) {
        if (closed) {
            return;
        }
        // the store went away for good: the next stream subscribes again; these ones reconnect and resume
        LOG.log(System.Logger.Level.WARNING, "sse-dashboard: the readings subscription ended", cause);
        subscription = null;
        List.copyOf(live.keySet()).forEach(Sse::close);
        List.copyOf(held.keySet()).forEach(Sse::close);
    }

    /**
     * Attaches {@code sse}, whose greeting {@code greet} sends first: a first connection gets live readings only;
     * one with {@code Last-Event-ID} gets every reading after it that is still kept (all kept ones when that id
     * is no longer kept: a repeat can be told by its id, a gap cannot), then the live ones.
     *
     * @return completes when the greeting and the replay were sent
     */
    CompletionStage<Void> attach(Sse sse, Supplier<CompletionStage<Void>> greet) {
        Optional<String> lastId = sse.lastEventId();
        CompletionStage<Void> greeted;
        synchronized (this) {
            greeted = greet.get();
            if (lastId.isEmpty()) {
                live.put(sse, new HashSet<>());
                return greeted;
            }
            if (received != null) { // nothing to wait for: the record is here
                CompletionStage<Void> sent = greeted;
                for (ServerEvent missed : received.since(lastId.get())) {
                    sent = sse.send(missed);
                }
                live.put(sse, new HashSet<>());
                return sent;
            }
            held.put(sse, new ArrayList<>());
        }
        return channel.history(topic, lastId, historySize)
                .handle((history, failure) -> catchUp(sse, history, failure))
                .thenCompose(sent -> sent)
                .thenCombine(greeted, (a, b) -> null);
    }

    private synchronized CompletionStage<Void> catchUp(Sse sse, ChannelHistory history, Throwable failure) {
        List<ServerEvent> liveMeanwhile = held.remove(sse);
        if (failure != null) {
            LOG.log(System.Logger.Level.WARNING, "sse-dashboard: no history to resume from", failure);
            sse.close(); // the browser comes back and tries again, rather than silently missing readings
            return CompletableFuture.failedFuture(failure);
        }
        CompletionStage<Void> sent = CompletableFuture.completedFuture(null);
        Set<String> replayed = new HashSet<>();
        for (ChannelMessage message : history.messages()) {
            replayed.add(message.id());
            sent = sse.send(ServerEvent.named(message.payload().event().orElse("metrics"), message.payload().text())
                    .withId(message.id()));
        }
        boolean passed = false; // whether the live feed has gone beyond the replay
        for (ServerEvent event : liveMeanwhile) {
            if (!replayed.remove(event.id().orElseThrow())) {
                passed = true;
                sent = sse.send(event);
            }
        }
        live.put(sse, passed ? new HashSet<>() : replayed);
        return sent;
    }

    /** {@code sse} ended: no more readings for it. */
    synchronized void detach(Sse sse) {
        live.remove(sse);
        held.remove(sse);
    }
}
