package org.pagi.wrappers.apps;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.sse.ServerEvent;
import org.pagi.wrappers.sse.Sse;
import org.pagi.wrappers.sse.SseDisconnectedException;

/**
 * Server-sent events from one topic of a {@link Channel} (upstream's {@code PAGI::App::SSE::Pubsub}, on the
 * {@code sse} scope): every client of the stream receives every text message published on the topic, as an event
 * whose {@code id} is the channel's message id and whose name is the payload's {@code event}. Publish with
 * {@link #publish(String, String)} or through the channel from anywhere, a WebSocket app included.
 *
 * <p>A client that reconnects with {@code Last-Event-ID} first receives every retained event after that id, then
 * the live ones, with no gap and no repeat between the two; an id no longer retained (or unknown) gets every
 * retained event, since a repeat can be told by its id and a gap cannot. A first connection gets live events only.
 * The retained events are the channel's when it keeps a history ({@link Channel#historyLength()} above 0: an
 * {@code InMemoryChannel} built with {@code history(n)}, a Redis channel), so a client resumes on any process
 * sharing the store, one that never saw its events included; else this app's own last {@code history(n)} events
 * (a {@link org.pagi.wrappers.sse.ReplayBuffer}), which only this process saw.
 *
 * <p>Each stream has a bounded queue ({@code maxQueuedMessages}, {@code maxQueuedBytes}): a client that reads slower
 * than events arrive has its stream closed, so its {@code EventSource} reconnects and resumes from the history,
 * and never holds up the others. When the channel cannot be subscribed to, a stream is declined with 503; when it
 * fails later, every stream is closed (the next connection subscribes again).
 *
 * <pre>{@code
 * SsePubsub news = SsePubsub.builder().topic("news").history(100).keepalive(Duration.ofSeconds(15)).build();
 * news.publish("headline", "Markets open higher");
 * }</pre>
 */
public final class SsePubsub implements Application, AutoCloseable {
    private final Channel channel;
    private final String topic;
    private final Headers headers;
    private final Duration keepalive;
    private final Consumer<? super Sse> onConnect;
    private final Consumer<? super Sse> onClose;
    private final SsePubsubFeed feed;

    private SsePubsub(Builder b) {
        this.channel = b.channelOrNew();
        this.topic = b.topic;
        this.headers = b.headers;
        this.keepalive = b.keepaliveValue();
        this.onConnect = b.onConnect;
        this.onClose = b.onClose;
        this.feed = new SsePubsubFeed(channel, topic, b.history, b.retry, b.maxQueuedMessagesValue(),
                b.maxQueuedBytesValue());
        feed.ready(); // subscribed from the start, so the history holds what came before the first client
    }

    /** @return a pubsub app on its own in-memory channel, topic {@code default}, without history */
    public static SsePubsub create() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the channel the events come from */
    public Channel channel() {
        return channel;
    }

    /** @return the topic */
    public String topic() {
        return topic;
    }

    /** @return how many streams are attached now (this process) */
    public int clientCount() {
        return feed.clientCount();
    }

    /**
     * @return this app's own retained events, oldest first; empty without {@code history}, and when the channel
     *     keeps the history (then ask {@link Channel#history})
     */
    public List<ServerEvent> events() {
        return feed.events();
    }

    /** Publishes an unnamed event carrying {@code data}. @return the message with its id, or the channel's failure */
    public CompletionStage<ChannelMessage> publish(String data) {
        return channel.publish(topic, ChannelPayload.text(data));
    }

    /**
     * Publishes an event named {@code event} carrying {@code data}.
     *
     * @return the message with its id, or the channel's failure
     * @throws IllegalArgumentException when {@code event} is empty, too long, or holds CR, LF or NUL
     */
    public CompletionStage<ChannelMessage> publish(String event, String data) {
        return channel.publish(topic, ChannelPayload.text(data).withEvent(event));
    }

    /** Unsubscribes from the channel and closes every stream; later connections are declined with 503. */
    @Override
    public void close() {
        feed.close();
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        Sse sse = Sse.of(scope, receive, send); // another scope type throws UnsupportedScopeException
        return feed.ready().handle((sub, failure) -> failure).thenCompose(failure -> failure != null
                ? sse.decline(Response.text("the event channel is unavailable\n").withStatus(503))
                : stream(sse));
    }

    private CompletionStage<Void> stream(Sse sse) {
        // Attached before the start, its queue held until then: nothing published meanwhile is missed.
        SsePubsubFeed.Client client = feed.attach(sse);
        return sse.start(200, headers)
                .thenCompose(v -> keepalive.isZero() ? CompletableFuture.completedFuture(null)
                        : sse.keepalive(keepalive))
                .thenCompose(v -> {
                    client.open();
                    onConnect.accept(sse);
                    return client.ended().whenComplete((x, e) -> onClose.accept(sse));
                })
                .exceptionallyCompose(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    client.end(false);
                    return cause instanceof SseDisconnectedException // gone before the stream started
                            ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(cause);
                });
    }

    /** The pubsub app's settings; each is checked when set, naming it. */
    public static final class Builder extends ChannelAppBuilder<Builder> {
        private String topic = "default";
        private int history;
        private OptionalLong retry = OptionalLong.empty();
        private Headers headers = Headers.empty();
        private Consumer<? super Sse> onConnect = sse -> { };
        private Consumer<? super Sse> onClose = sse -> { };

        private Builder() {
        }

        /**
         * @param value the topic (upstream's {@code channel} option; default {@code default})
         * @return this
         * @throws IllegalArgumentException naming {@code topic} when {@link ChannelMessage#checkTopic} refuses it
         */
        public Builder topic(String value) {
            this.topic = ChannelSettings.topic(value);
            return this;
        }

        /**
         * @param events how many events to keep for {@code Last-Event-ID} (default 0: none, as upstream) when the
         *     channel keeps no history; a channel with a history serves the replay instead, and this app keeps none
         * @return this
         * @throws IllegalArgumentException naming {@code history} when negative or over 100,000
         */
        public Builder history(int events) {
            if (events < 0 || events > 100_000) {
                throw new IllegalArgumentException("history must be 0 to 100000 events, got " + events);
            }
            this.history = events;
            return this;
        }

        /**
         * @param millis the reconnection time every event carries as {@code retry:} (default: none)
         * @return this
         * @throws IllegalArgumentException naming {@code retry} when negative
         */
        public Builder retry(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("retry must be 0 or more milliseconds, got " + millis);
            }
            this.retry = OptionalLong.of(millis);
            return this;
        }

        /** @param value extra headers for the stream's 200 response @return this */
        public Builder headers(Headers value) {
            this.headers = Objects.requireNonNull(value, "headers");
            return this;
        }

        /** @param callback run with each stream once it is attached @return this */
        public Builder onConnect(Consumer<? super Sse> callback) {
            this.onConnect = Objects.requireNonNull(callback, "onConnect");
            return this;
        }

        /** @param callback run with each stream once it has ended @return this */
        public Builder onClose(Consumer<? super Sse> callback) {
            this.onClose = Objects.requireNonNull(callback, "onClose");
            return this;
        }

        /** @return the app, already subscribed to its topic */
        public SsePubsub build() {
            return new SsePubsub(this);
        }
    }
}
