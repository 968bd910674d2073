package org.pagi.examples.ssedashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.response.FileResponse;
import org.pagi.wrappers.response.FileSource;
import org.pagi.wrappers.routing.Router;
import org.pagi.wrappers.sse.ServerEvent;
import org.pagi.wrappers.sse.Sse;

/**
 * A live dashboard: the page at {@code /} opens an {@code EventSource} on {@code /events} and shows the
 * {@code metrics} events it gets, a reading every two seconds by default.
 *
 * <p>Each stream starts with a keepalive comment every 25 seconds (so a proxy does not close an idle stream), a
 * {@code connected} event ({@code {"subscriber_id":n,"server_time":s}}; with {@code retry} when a reconnection
 * delay is set), and, when the browser reconnects with {@code Last-Event-ID}, a {@code reconnected} event
 * ({@code {"last_id":"n"}}) followed by every {@code metrics} event it missed, from a {@link
 * org.pagi.wrappers.sse.ReplayBuffer} of the last {@link #DEFAULT_HISTORY}; then live events. Ids count 1, 2, 3,
 * ... across every stream, so the page can tell a gap from a repeat. Readings are taken only while a stream is
 * open.
 *
 * <p>Written with the wrappers: a {@link Router}, {@link Sse} and {@link FileResponse} for the page, which is a
 * classpath resource beside this class. Async throughout, so it runs in either of the server's execution modes.
 * Thread-safe.
 */
public final class App implements Application {
    /** How often a reading is sent when no interval is given, as upstream. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    /** How many events are kept for reconnecting clients when no size is given. */
    public static final int DEFAULT_HISTORY = 100;
    /** How often the server writes a keepalive comment on an idle stream, as upstream. */
    public static final Duration KEEPALIVE = Duration.ofSeconds(25);

    private static final String PAGE = "index.html";

    private final MetricsFeed feed;
    private final Optional<Duration> reconnectDelay;
    private final FileSource page;
    private final Router router;
    private final AtomicInteger streamsOpened = new AtomicInteger();
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();

    /** One open stream, and what ends it: the client leaving, or {@link #dropStreams()}. */
    private record Stream(Sse sse, CompletableFuture<Void> ended) {
    }

    /** The dashboard with every default, as {@code bin/pagi-server --app} creates it. */
    public App() {
        this(builder());
    }

    private App(Builder options) {
        this.feed = new MetricsFeed(options.interval, options.history, options.readings);
        this.reconnectDelay = Optional.ofNullable(options.reconnectDelay);
        this.page = pageSource();
        this.router = Router.builder()
                .get("/", this::page)
                .get("/" + PAGE, this::page)
                .sse("/events", this::stream)
                .build();
    }

    /** @return a builder with every default; {@link Builder#build()} makes the application */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return router.call(scope, receive, send);
    }

    private CompletionStage<Void> page(Scope scope, Receive receive, Send send) {
        return FileResponse.of(page).respond(scope, send);
    }

    private CompletionStage<Void> stream(Scope scope, Receive receive, Send send) {
        Sse sse = Sse.of(scope, receive, send);
        Stream stream = new Stream(sse, new CompletableFuture<>());
        open.add(stream);
        sse.onDisconnect(reason -> stream.ended().complete(null));

        ServerEvent connected = ServerEvent.named("connected", JsonText.object(
                "subscriber_id", streamsOpened.incrementAndGet(), "server_time", Instant.now().getEpochSecond()));
        ServerEvent hello = reconnectDelay.map(d -> connected.withRetry(d.toMillis())).orElse(connected);
        Optional<ServerEvent> reconnected = sse.lastEventId()
                .map(id -> ServerEvent.named("reconnected", JsonText.object("last_id", id)));
        return feed.join(sse, () -> {
                    // sends leave in call order; the first one starts the stream
                    CompletableFuture<Void> keepalive = sse.keepalive(KEEPALIVE).toCompletableFuture();
                    CompletableFuture<Void> greeted = sse.send(hello).toCompletableFuture();
                    CompletableFuture<Void> resumed = reconnected.map(sse::send)
                            .orElse(CompletableFuture.completedFuture(null)).toCompletableFuture();
                    return CompletableFuture.allOf(keepalive, greeted, resumed);
                })
                .thenCompose(v -> stream.ended())
                .handle((v, failure) -> {
                    open.remove(stream);
                    feed.leave();
                    if (failure != null && sse.isConnected()) {
                        throw new CompletionException(failure);
                    }
                    return null; // a send that failed because the client left is no error
                });
    }

    // ---- for tests and demonstrations: what the timer does, and a server dropping its streams ----

    /**
     * Takes a reading now and sends it to every open stream, as the timer does.
     *
     * @return the id it was sent with
     */
    public long publishMetrics() {
        return Long.parseLong(feed.publish().id().orElseThrow());
    }

    /**
     * Ends every open stream from the server's side ({@code sse.close}), as a restart or a proxy timeout would;
     * the browsers reconnect with {@code Last-Event-ID}.
     *
     * @return how many streams were ended
     */
    public int dropStreams() {
        int dropped = 0;
        for (Stream stream : Set.copyOf(open)) {
            stream.sse().close();
            stream.ended().complete(null);
            dropped++;
        }
        return dropped;
    }

    /** @return how many streams are open now, from their start until their handler's end */
    public int openStreams() {
        return open.size();
    }

    /** @return how many streams were opened since the start (the last subscriber id given) */
    public int streamsOpened() {
        return streamsOpened.get();
    }

    /** @return whether readings are being taken, which they are while a stream is open */
    public boolean isTicking() {
        return feed.isTicking();
    }

    /** @return the id of the newest {@code metrics} event, 0 before the first */
    public long lastEventId() {
        return feed.lastId();
    }

    private static FileSource pageSource() {
        URL url = App.class.getResource(PAGE);
        if (url == null) {
            throw new IllegalStateException(PAGE + " is missing beside " + App.class.getName());
        }
        try {
            return FileSource.of(url);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve " + url, e);
        }
    }

    /** The dashboard's options; each setter refuses a bad value with a message naming the option. */
    public static final class Builder {
        private Duration interval = DEFAULT_INTERVAL;
        private int history = DEFAULT_HISTORY;
        private Duration reconnectDelay;
        private Supplier<Metrics> readings = () -> Metrics.random(RandomGenerator.getDefault());

        private Builder() {
        }

        /** @param value how often a reading is sent while a stream is open; more than zero */
        public Builder interval(Duration value) {
            if (Objects.requireNonNull(value, "interval").isNegative() || value.isZero()) {
                throw new IllegalArgumentException("interval must be more than zero, got " + value);
            }
            interval = value;
            return this;
        }

        /** @param value how many events are kept for reconnecting clients; 1 or more */
        public Builder history(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("history must be 1 or more events, got " + value);
            }
            history = value;
            return this;
        }

        /**
         * @param value how long a browser waits before reconnecting, sent as {@code retry} with the
         *              {@code connected} event; zero or more (unset: the browser's own default, about 3 s)
         */
        public Builder reconnectDelay(Duration value) {
            if (Objects.requireNonNull(value, "reconnectDelay").isNegative()) {
                throw new IllegalArgumentException("reconnectDelay must not be negative, got " + value);
            }
            reconnectDelay = value;
            return this;
        }

        /** @param value where each reading comes from (default: made-up figures, as upstream) */
        public Builder readings(Supplier<Metrics> value) {
            readings = Objects.requireNonNull(value, "readings");
            return this;
        }

        /** @return the application */
        public App build() {
            return new App(this);
        }
    }
}
