package org.pagi.examples.periodicevents;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.lifespan.Lifespan;
import org.pagi.wrappers.lifespan.StateKey;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.response.ResponseWriter;
import org.pagi.wrappers.routing.Router;

/**
 * Upstream's {@code 14-periodic-events}: two background sources owned by the lifespan, a ticker (every 2 s) and
 * a heartbeat (every 5 s), and requests that wait for the ticks.
 *
 * <ul>
 *   <li>{@code GET /}: {@code {"count":n,"beats":m,"hint":"GET /next to wait for the next tick"}} at once;</li>
 *   <li>{@code GET /next}: waits for the next tick (a long poll), then {@code {"tick":n}}; other requests are
 *       served meanwhile, as it holds no thread;</li>
 *   <li>{@code GET /stream}: {@code application/x-ndjson}, one line {@code {"tick":n}} per tick until the client
 *       leaves.</li>
 * </ul>
 *
 * <p>The startup hook makes one {@link TickHub}, puts it in the lifespan state ({@link #HUB}) and starts the
 * sources on a scheduler; the shutdown hook stops them. So the sources have an owner, live as long as the
 * application, and stop with it: nothing runs from a static field. A source that throws is logged, not lost.
 * Requests reach the hub through their copy of the state. Async throughout. Thread-safe.
 */
public final class App implements Application {
    /** Where the startup hook puts the hub; every request scope's state holds the same one. */
    public static final StateKey<TickHub> HUB = StateKey.of("example.ticks", TickHub.class);
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(App.class.getName());
    private static final Headers NDJSON = Headers.of("content-type", "application/x-ndjson");

    private final Duration interval;
    private final Duration heartbeat;
    private final Application app;
    private volatile TickHub hub;
    private volatile ScheduledExecutorService sources;

    /** The example as {@code bin/pagi-server --app} creates it: a tick every 2 s, a heartbeat every 5 s. */
    public App() {
        this(DEFAULT_INTERVAL, DEFAULT_HEARTBEAT);
    }

    /**
     * @param interval  how often the ticker publishes; more than zero
     * @param heartbeat how often the heartbeat counts; more than zero
     */
    public App(Duration interval, Duration heartbeat) {
        this.interval = positive(interval, "interval");
        this.heartbeat = positive(heartbeat, "heartbeat");
        Router router = Router.builder()
                .get("/", this::status)
                .get("/next", this::next)
                .get("/stream", this::stream)
                .build();
        this.app = Lifespan.wrap(router)
                .onStartup("sources", scope -> {
                    TickHub created = new TickHub();
                    HUB.put(scope.state(), created);
                    hub = created;
                    startSources(created);
                    return CompletableFuture.completedFuture(null);
                })
                .onShutdown("sources", scope -> {
                    sources.shutdownNow();
                    return CompletableFuture.completedFuture(null);
                });
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }

    /** @return the hub of the running application, for tests and demonstrations; null before startup */
    public TickHub hub() {
        return hub;
    }

    /** @return whether the background sources are scheduled: from startup until shutdown */
    public boolean sourcesRunning() {
        ScheduledExecutorService running = sources;
        return running != null && !running.isShutdown();
    }

    private void startSources(TickHub target) {
        sources = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("periodic-events-sources")
                .daemon().factory());
        sources.scheduleAtFixedRate(guarded("ticker", target::publish), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        sources.scheduleAtFixedRate(guarded("heartbeat", target::beat), heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A scheduled task that throws is cancelled silently by the scheduler: log it instead, and carry on. */
    private static Runnable guarded(String name, Runnable source) {
        return () -> {
            try {
                source.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "source '" + name + "' failed", e);
            }
        };
    }

    private CompletionStage<Void> status(Scope scope, Receive receive, Send send) {
        TickHub ticks = HUB.get(scope);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", ticks.count());
        body.put("beats", ticks.beats());
        body.put("hint", "GET /next to wait for the next tick");
        return Response.json(body).respond(scope, send);
    }

    private CompletionStage<Void> next(Scope scope, Receive receive, Send send) {
        return HUB.get(scope).nextTick()
                .thenCompose(tick -> Response.json(Map.of("tick", tick)).respond(scope, send));
    }

    private CompletionStage<Void> stream(Scope scope, Receive receive, Send send) {
        TickHub ticks = HUB.get(scope);
        CompletableFuture<Void> gone = new CompletableFuture<>();
        Request request = Request.of(scope, receive);
        request.onDisconnect(reason -> gone.complete(null));
        return ResponseWriter.start(scope, send, 200, NDJSON)
                .thenCompose(writer -> relay(writer, ticks, gone))
                .handle((v, failure) -> {
                    if (failure != null && request.isConnected()) {
                        throw new CompletionException(failure);
                    }
                    return null; // a write that failed because the client left is no error
                });
    }

    /** One line per tick until the client leaves; each wait is for a tick or the disconnect, whichever is first. */
    private static CompletionStage<Void> relay(ResponseWriter writer, TickHub ticks, CompletableFuture<Void> gone) {
        CompletableFuture<Long> tick = ticks.nextTick();
        return CompletableFuture.anyOf(tick, gone).thenCompose(first -> gone.isDone()
                ? CompletableFuture.completedFuture(null)
                : writer.write("{\"tick\":" + tick.join() + "}\n").thenCompose(v -> relay(writer, ticks, gone)));
    }

    private static Duration positive(Duration value, String name) {
        if (Objects.requireNonNull(value, name).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be more than zero, got " + value);
        }
        return value;
    }
}
