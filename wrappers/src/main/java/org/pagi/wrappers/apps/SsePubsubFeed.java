package org.pagi.wrappers.apps;

import java.util.ArrayList;
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
 * One {@link SsePubsub}'s side of the channel: a single subscription to its topic, the history (a
 * {@link ReplayBuffer}: what {@code Last-Event-ID} resumes after), and the attached streams, each with a bounded
 * queue. The history is recorded and the streams fed under one lock, and a stream is attached under it after
 * its replay was queued, so a reconnecting client sees every retained event after its last one exactly once,
 * then the live ones: no gap, no repeat.
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
        this.history = history == 0 ? Optional.empty() : Optional.of(new ReplayBuffer(history));
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
     * Queues what the stream's client missed, then attaches it to the live events; nothing is sent before
     * {@link Client#open()}, so the stream can be started in between.
     */
    Client attach(Sse sse) {
        Client client = new Client(sse);
        boolean failed;
        synchronized (this) {
            List<ServerEvent> missed = history.map(h -> h.missedBy(sse.lastEventId())).orElse(List.of());
            client.outbox.preload(missed);
            clients.add(client);
            failed = closed || subscription == null; // the channel failed since ready(): no event would come
        }
        sse.onDisconnect(reason -> client.end(false));
        if (failed) {
            client.end(true);
        }
        return client;
    }

    synchronized int clientCount() {
        return clients.size();
    }

    synchronized List<ServerEvent> events() {
        return history.map(ReplayBuffer::events).orElse(List.of());
    }

    @Override
    public void onMessage(ChannelMessage message) {
        if (message.payload().binary()) {
            return; // an event stream carries text; a binary message (from a WebSocket app on the topic) is skipped
        }
        ServerEvent event;
        try {
            ServerEvent e = new ServerEvent(message.payload().event(), message.payload().text(),
                    Optional.of(message.id()), OptionalLong.empty());
            event = retry.isPresent() ? e.withRetry(retry.getAsLong()) : e;
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "message " + message.id() + " on '" + topic
                    + "' cannot be an SSE event: " + e.getMessage());
            return;
        }
        List<Client> overflowed = new ArrayList<>();
        synchronized (this) {
            history.ifPresent(h -> h.record(event));
            for (Client c : clients) {
                if (!c.outbox.offer(event)) {
                    overflowed.add(c);
                }
            }
        }
        overflowed.forEach(c -> c.end(true));
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

        private Client(Sse sse) {
            this.sse = sse;
            this.outbox = new ChannelOutbox<>(maxQueuedMessages, maxQueuedBytes, e -> e.data().length(), sse::send,
                    () -> { }); // the feed ends an overflowed client itself, outside its lock
        }

        /** Starts sending: the replay first, then the live events queued meanwhile. */
        void open() {
            outbox.open();
        }

        /** @return completes when the client left, or the stream was closed for it */
        CompletionStage<Void> ended() {
            return ended;
        }

        /** Detaches; with {@code closeStream}, ends the stream too (the client is still there). */
        void end(boolean closeStream) {
            synchronized (SsePubsubFeed.this) {
                clients.remove(this);
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
