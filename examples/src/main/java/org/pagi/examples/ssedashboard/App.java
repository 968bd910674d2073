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
import java.util.regex.Pattern;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.apps.Channels;
import org.pagi.wrappers.apps.InMemoryChannel;
import org.pagi.wrappers.lifespan.Lifespan;
import org.pagi.wrappers.response.FileResponse;
import org.pagi.wrappers.response.FileSource;
import org.pagi.wrappers.response.Response;
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
 * ({@code {"last_id":"..."}}) followed by every {@code metrics} event it missed (the last {@link #DEFAULT_HISTORY}
 * kept); then live events.
 *
 * <p>Several instances behind one proxy share a {@link Channel} (chosen by the {@code PAGI_CHANNEL} environment
 * variable, {@code memory:} by default, {@code redis://host:port} for several processes): each instance takes its
 * own readings while one of its streams is open and publishes them on the channel, each naming the instance
 * ({@code "instance"}) and numbered by it ({@code "reading"}: 1, 2, 3, ...), and every stream on every instance
 * shows every reading. An event's id is the channel's message id, so a browser whose stream was dropped by one
 * instance resumes on another from the channel's history, with no gap and no repeat.
 *
 * <p>Written with the wrappers: a {@link Router}, {@link Sse} and {@link FileResponse} for the page, which is a
 * classpath resource beside this class. Async throughout, so it runs in either of the server's execution modes.
 * Thread-safe.
 */
public final class App implements Application, AutoCloseable {
    /** How often a reading is sent when no interval is given, as upstream. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    /** How many events are kept for reconnecting clients when no size is given. */
    public static final int DEFAULT_HISTORY = 100;
    /** How often the server writes a keepalive comment on an idle stream, as upstream. */
    public static final Duration KEEPALIVE = Duration.ofSeconds(25);
    /** The channel topic the readings are published on. */
    public static final String TOPIC = "sse-dashboard:metrics";
    /** The environment variable naming the channel when none is given: a URL for {@link Channels#open}. */
    public static final String CHANNEL_VARIABLE = "PAGI_CHANNEL";

    private static final System.Logger LOG = System.getLogger(App.class.getName());
    private static final String PAGE = "index.html";
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Channel channel;
    private final boolean ownsChannel;
    private final String instance;
    private final MetricsFeed feed;
    private final MetricsStreams streams;
    private final Optional<Duration> reconnectDelay;
    private final FileSource page;
    private final Router router;
    private final Application app;
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
        this.ownsChannel = options.channel == null;
        this.channel = ownsChannel ? configuredChannel() : options.channel;
        this.instance = options.instance == null ? defaultInstance() : options.instance;
        this.feed = new MetricsFeed(options.interval, options.readings, channel, TOPIC, instance);
        this.streams = new MetricsStreams(channel, TOPIC, options.history);
        this.reconnectDelay = Optional.ofNullable(options.reconnectDelay);
        this.page = pageSource();
        this.router = Router.builder()
                .get("/", this::page)
                .get("/" + PAGE, this::page)
                .sse("/events", this::stream)
                .build();
        this.app = Lifespan.wrap(router).onShutdown("sse-dashboard", scope -> {
            close(); // the streams end, and a channel this application opened is closed
            return CompletableFuture.completedFuture(null);
        });
        streams.subscribed(); // from the start, so a channel without history has the record a resume needs
    }

    /** @return a builder with every default; {@link Builder#build()} makes the application */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }

    private CompletionStage<Void> page(Scope scope, Receive receive, Send send) {
        return FileResponse.of(page).respond(scope, send);
    }

    private CompletionStage<Void> stream(Scope scope, Receive receive, Send send) {
        Sse sse = Sse.of(scope, receive, send);
        Stream stream = new Stream(sse, new CompletableFuture<>());
        open.add(stream);
        feed.streamOpened();
        sse.onDisconnect(reason -> stream.ended().complete(null));

        ServerEvent connected = ServerEvent.named("connected", JsonText.object(
                "subscriber_id", streamsOpened.incrementAndGet(), "server_time", Instant.now().getEpochSecond()));
        ServerEvent hello = reconnectDelay.map(d -> connected.withRetry(d.toMillis())).orElse(connected);
        Optional<ServerEvent> reconnected = sse.lastEventId()
                .map(id -> ServerEvent.named("reconnected", JsonText.object("last_id", id)));
        return streams.subscribed()
                .handle((subscribed, failure) -> failure)
                .thenCompose(failure -> failure != null ? unavailable(sse, failure) : streams.attach(sse, () -> {
                    // sends leave in call order; the first one starts the stream
                    CompletableFuture<Void> keepalive = sse.keepalive(KEEPALIVE).toCompletableFuture();
                    CompletableFuture<Void> greeted = sse.send(hello).toCompletableFuture();
                    CompletableFuture<Void> resumed = reconnected.map(sse::send)
                            .orElse(CompletableFuture.completedFuture(null)).toCompletableFuture();
                    return CompletableFuture.allOf(keepalive, greeted, resumed);
                }).thenCompose(v -> stream.ended()))
                .handle((v, failure) -> {
                    open.remove(stream);
                    streams.detach(sse);
                    feed.streamClosed();
                    if (failure != null && sse.isConnected()) {
                        throw new CompletionException(failure);
                    }
                    return null; // a send that failed because the client left is no error
                });
    }

    /**
     * The channel cannot be subscribed to (its store is away): 503, so the browser's {@code EventSource} tries
     * again after its delay, rather than a stream that would never carry a reading.
     */
    private static CompletionStage<Void> unavailable(Sse sse, Throwable failure) {
        LOG.log(System.Logger.Level.WARNING, "sse-dashboard: the readings channel is unavailable", failure);
        return sse.decline(Response.text("The readings are unavailable, try again later\n").withStatus(503));
    }

    // ---- for tests and demonstrations: what the timer does, and a server dropping its streams ----

    /**
     * Takes a reading now and publishes it, as the timer does; waits until the channel has taken it.
     *
     * @return the id every stream sends it with
     * @throws java.util.concurrent.CompletionException when the channel refused it
     */
    public String publishMetrics() {
        return feed.publish().toCompletableFuture().join().id();
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

    /** @return whether this instance is taking readings, which it does while one of its streams is open */
    public boolean isTicking() {
        return feed.isTicking();
    }

    /** @return how many readings this instance has taken */
    public long readingsTaken() {
        return feed.taken();
    }

    /** @return the name this instance gives its readings */
    public String instance() {
        return instance;
    }

    /** @return the channel the readings go through */
    public Channel channel() {
        return channel;
    }

    /** Ends every stream and the subscription and, when the application opened its channel itself, closes it. */
    @Override
    public void close() {
        dropStreams();
        streams.close();
        if (ownsChannel && channel instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "sse-dashboard: closing the channel failed", e);
            }
        }
    }

    /** The channel {@value #CHANNEL_VARIABLE} names; unset, an in-memory one (one instance, as {@code memory:}). */
    private static Channel configuredChannel() {
        String url = System.getenv(CHANNEL_VARIABLE);
        return url == null || url.isBlank() ? InMemoryChannel.create() : Channels.open(url);
    }

    /** The host name and process id: unique among the instances of one deployment, and readable. */
    private static String defaultInstance() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "host";
        }
        String name = (host.replaceAll("[^A-Za-z0-9.-]", "") + "-" + ProcessHandle.current().pid());
        return name.length() > 64 ? name.substring(name.length() - 64) : name;
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
        private Channel channel;
        private String instance;

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

        /**
         * @param value how many events a reconnecting client is sent at most (the latest ones), and, on a channel
         *              without history, how many this instance keeps for them; 1 or more
         */
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

        /**
         * @param value the channel shared with the other instances; unset: {@link Channels#open} of the
         *              {@value #CHANNEL_VARIABLE} environment variable ({@code memory:} when unset), which the
         *              application then closes with itself
         */
        public Builder channel(Channel value) {
            channel = Objects.requireNonNull(value, "channel");
            return this;
        }

        /**
         * @param value the name this instance gives its readings: 1 to 64 letters, digits, {@code .}, {@code _} or
         *              {@code -}; unset: the host name and process id
         */
        public Builder instance(String value) {
            if (!INSTANCE.matcher(Objects.requireNonNull(value, "instance")).matches()) {
                throw new IllegalArgumentException("instance must be 1 to 64 letters, digits, '.', '_' or '-', got '"
                        + value + "'");
            }
            instance = value;
            return this;
        }

        /** @return the application */
        public App build() {
            return new App(this);
        }
    }
}
