package org.pagi.wrappers.apps;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.wrappers.sse.ReplayBuffer;
import org.pagi.wrappers.sse.ServerEvent;
import org.pagi.wrappers.sse.Sse;

/**
 * One {@link SsePubsub}'s side of the channel: a single subscription to its topic, the history that
 * {@code Last-Event-ID} resumes after, and the attached streams, each with a bounded queue.
 *
 * <p>Where the history comes from: when the channel keeps one ({@link Channel#historyLength()} above 0), from
 * {@link Channel#history}, so a client resumes on any process sharing the store, one that never saw its events
 * included; else from this app's own {@link ReplayBuffer} ({@code history(n)}), recorded under the lock that feeds
 * the streams, a stream being attached under it after its replay was queued. Either way a reconnecting client
 * sees every retained event after its last one exactly once, then the live ones: no gap, no repeat. With the
 * channel's history the read is asynchronous, so the stream is attached to the live events first, which are held
 * aside ({@link Client#held}, within {@code maxQueuedMessages}) until the history came; then the history is
 * queued, then the held events whose id it did not hold: an event published while the history was read arrives
 * once.
 *
 * <p>{@code ReplayBuffer}'s own fan-out is not used: it hands each event straight to every stream, so a client
 * that stopped reading would hold every event published until the server's write timeout; here it holds at most
 * its queue, and is dropped (the stream closed, so an {@code EventSource} reconnects and resumes) beyond it.
 */
final class SsePubsubFeed implements ChannelListener {
    private static final System.Logger LOG = System.getLogger(SsePubsubFeed.class.getName());

    private final Channel channel;
    private final String topic;
    private final Optional<ReplayBuffer> history;
    private final boolean channelHistory;
    private final OptionalLong retry;
    private final int maxQueuedMessages;
    private final long maxQueuedBytes;
    private final Set<Client> clients = new LinkedHashSet<>();
    private CompletableFuture<ChannelSubscription> subscription;
    private boolean closed;

    SsePubsubFeed(Channel channel, String topic, int history, OptionalLong retry, int maxQueuedMessages,
            long maxQueuedBytes) {
        this.channel = channel;
        this.topic = topic;
        this.channelHistory = channel.historyLength() > 0;
        this.history = history == 0 || channelHistory ? Optional.empty() : Optional.of(new ReplayBuffer(history));
        this.retry = retry;
        this.maxQueuedMessages = maxQueuedMessages;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** @return the subscription, made now when there is none (at first, or after the channel failed it) */
    synchronized CompletionStage<ChannelSubscription> ready() {
        if (closed) {
            return CompletableFuture.failedFuture(new ChannelException("the pubsub app on '" + topic
                    + "' is closed"));
        }
        if (subscription == null || subscription.isCompletedExceptionally()) {
            subscription = channel.subscribe(topic, this).toCompletableFuture();
        }
        return subscription;
    }

    /**
     * Queues what the stream's client missed (or, with the channel's history, holds its live events until
     * {@link Client#open()} has read it), and attaches it to the live events; nothing is sent before
     * {@link Client#open()}, so the stream can be started in between.
     */
    Client attach(Sse sse) {
        Client client = new Client(sse);
        Optional<String> lastId = sse.lastEventId();
        boolean resume = channelHistory && lastId.isPresent();
        boolean failed;
        synchronized (this) {
            if (resume) {
                client.held = new ArrayList<>();
                client.resumeAfter = lastId;
            } else {
                client.outbox.preload(history.map(h -> h.missedBy(lastId)).orElse(List.of()));
            }
            clients.add(client);
            failed = closed || subscription == null; // the channel failed since ready(): no event would come
        }
        sse.onDisconnect(reason -> client.end(false));
        client.failedAtAttach = failed; // closed once started: a stream closed before its start cannot start
        return client;
    }

    /** Reads the channel's history for a resuming client, once its stream started (a failure closes it). */
    private void readHistory(Client client, Optional<String> after) {
        channel.history(topic, after, channel.historyLength()).whenComplete((found, e) -> resumed(client, found, e));
    }

    /** Queues the history, then the live events held meanwhile that it did not hold, and lets the next ones in. */
    private void resumed(Client client, ChannelHistory found, Throwable failure) {
        if (failure != null) {
            // Live events alone would hide a gap: the stream is closed, and its EventSource tries again.
            LOG.log(System.Logger.Level.WARNING, "the history of '" + topic + "' could not be read for a resuming"
                    + " client; its stream is closed so that it reconnects", failure);
            client.end(true);
            return;
        }
        synchronized (this) {
            if (client.held == null) {
                return; // dropped while the history was read
            }
            List<ServerEvent> replay = new ArrayList<>();
            Set<String> replayed = new HashSet<>();
            for (ChannelMessage m : found.messages()) {
                replayed.add(m.id());
                toEvent(m).ifPresent(replay::add);
            }
            for (ServerEvent e : client.held) {
                if (!replayed.contains(e.id().orElseThrow())) {
                    replay.add(e);
                }
            }
            client.held = null;
            client.outbox.preload(replay); // a truncated history too: the client cannot be given more
        }
    }

    synchronized int clientCount() {
        return clients.size();
    }

    synchronized List<ServerEvent> events() {
        return history.map(ReplayBuffer::events).orElse(List.of());
    }

    @Override
    public void onMessage(ChannelMessage message) {
        Optional<ServerEvent> converted = toEvent(message);
        if (converted.isEmpty()) {
            return;
        }
        ServerEvent event = converted.get();
        List<Client> overflowed = new ArrayList<>();
        synchronized (this) {
            history.ifPresent(h -> h.record(event));
            for (Client c : clients) {
                if (c.held != null ? !c.hold(event) : !c.outbox.offer(event)) {
                    overflowed.add(c);
                }
            }
        }
        overflowed.forEach(c -> c.end(true));
    }

    /** @return the event a message makes; empty for a binary message or one an event cannot carry (logged) */
    private Optional<ServerEvent> toEvent(ChannelMessage message) {
        if (message.payload().binary()) {
            return Optional.empty(); // an event stream carries text; a binary message (a WebSocket app's) is skipped
        }
        try {
            ServerEvent e = new ServerEvent(message.payload().event(), message.payload().text(),
                    Optional.of(message.id()), OptionalLong.empty());
            return Optional.of(retry.isPresent() ? e.withRetry(retry.getAsLong()) : e);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "message " + message.id() + " on '" + topic
                    + "' cannot be an SSE event: " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void onFailure(Throwable cause) {
        LOG.log(System.Logger.Level.WARNING, "the channel ended the subscription to '" + topic
                + "'; its streams are closed so that clients reconnect", cause);
        synchronized (this) {
            subscription = null; // the next connection subscribes again
        }
        endAll();
    }

    /** Unsubscribes and closes every stream. */
    void close() {
        CompletableFuture<ChannelSubscription> sub;
        synchronized (this) {
            closed = true;
            sub = subscription;
        }
        if (sub != null) {
            sub.thenAccept(ChannelSubscription::close);
        }
        endAll();
    }

    private void endAll() {
        List<Client> all;
        synchronized (this) {
            all = List.copyOf(clients);
        }
        all.forEach(c -> c.end(true));
    }

    /** One attached stream. */
    final class Client {
        private final Sse sse;
        private final ChannelOutbox<ServerEvent> outbox;
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        /** Live events that came while the channel's history was read; null otherwise. Under the feed's lock. */
        private List<ServerEvent> held;
        private volatile boolean failedAtAttach;
        /** The client's last id, while its history is still to be read from the channel; else empty. */
        private volatile Optional<String> resumeAfter = Optional.empty();

        private Client(Sse sse) {
            this.sse = sse;
            this.outbox = new ChannelOutbox<>(maxQueuedMessages, maxQueuedBytes, e -> e.data().length(), sse::send,
                    () -> { }); // the feed ends an overflowed client itself, outside its lock
        }

        /** @return false when one more held event would pass {@code maxQueuedMessages}: a slow client */
        private boolean hold(ServerEvent event) {
            if (held.size() >= maxQueuedMessages) {
                return false;
            }
            held.add(event);
            return true;
        }

        /** Starts sending: the replay first, then the live events queued meanwhile. */
        void open() {
            if (failedAtAttach) {
                end(true);
                return;
            }
            outbox.open();
            Optional<String> after = resumeAfter;
            if (after.isPresent()) {
                resumeAfter = Optional.empty();
                readHistory(this, after);
            }
        }

        /** @return completes when the client left, or the stream was closed for it */
        CompletionStage<Void> ended() {
            return ended;
        }

        /** Detaches; with {@code closeStream}, ends the stream too (the client is still there). */
        void end(boolean closeStream) {
            synchronized (SsePubsubFeed.this) {
                clients.remove(this);
                held = null;
            }
            outbox.close();
            if (closeStream) {
                sse.close().whenComplete((v, e) -> ended.complete(null));
            } else {
                ended.complete(null);
            }
        }
    }
}
