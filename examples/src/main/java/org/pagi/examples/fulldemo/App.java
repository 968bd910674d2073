package org.pagi.examples.fulldemo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
import org.pagi.wrappers.sse.ServerEvent;
import org.pagi.wrappers.sse.Sse;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * Upstream's {@code examples/full-demo}: every kind of PAGI exchange in one application, on the wrappers. A
 * {@link Lifespan} startup puts a request counter and the start time in the state and logs {@code [STARTUP]}
 * lines; shutdown logs the uptime and the count. Routes ({@link Router}): {@code GET /} {@code Hello, World!};
 * {@code POST /echo} the body back with the request's content type (else {@code application/octet-stream}) and
 * {@code x-echoed-length}; {@code GET /stream} five chunks half a second apart, the first numbering the request
 * from the shared counter; WebSocket {@code /ws/echo} text back with {@code Echo: }, binary back as it came; SSE
 * {@code /events} ten {@code tick} events a second apart, ids 1 to 10, then {@code done}, stopping early when the
 * client leaves.
 *
 * <p>Async throughout, so it runs in either execution mode. Thread-safe.
 */
public final class App implements Application {
    /** The lifespan state: requests to {@code /stream} so far (upstream's {@code request_counter}). */
    static final StateKey<AtomicLong> COUNTER = StateKey.of("fulldemo.request_counter", AtomicLong.class);
    /** The lifespan state: when startup ran (upstream's {@code started_at}). */
    static final StateKey<Instant> STARTED_AT = StateKey.of("fulldemo.started_at", Instant.class);
    static final int TICKS = 10;
    static final List<String> CHUNKS = List.of("Chunk 1: Processing...\n", "Chunk 2: Working...\n",
            "Chunk 3: Almost done...\n", "Stream complete!\n");

    private static final System.Logger LOG = System.getLogger(App.class.getName());

    private final Timing timing;
    private final Application app;

    /** The example as {@code bin/pagi-server --app} creates it: upstream's pauses, the log to the JDK's logging. */
    public App() {
        this(message -> LOG.log(System.Logger.Level.INFO, message), Timing.UPSTREAM);
    }

    /** @param log where the lifespan hooks write (upstream {@code warn}s to stderr) */
    App(Consumer<String> log, Timing timing) {
        Objects.requireNonNull(log, "log");
        this.timing = Objects.requireNonNull(timing, "timing");
        Router router = Router.builder()
                .get("/", (scope, receive, send) -> Response.text("Hello, World!").withContentType("text/plain")
                        .respond(scope, send)).name("hello")
                .post("/echo", App::echo).name("echo")
                .get("/stream", this::stream).name("http_stream")
                .websocket("/ws/echo", App::websocketEcho).name("ws_echo")
                .sse("/events", this::events).name("sse_events")
                .build();
        this.app = Lifespan.wrap(router)
                .onStartup("state", life -> {
                    log.accept("[STARTUP] Initializing application...");
                    COUNTER.put(life.state(), new AtomicLong());
                    STARTED_AT.put(life.state(), timing.clock().instant());
                    log.accept("[STARTUP] Application ready!");
                    return CompletableFuture.completedFuture(null);
                })
                .onShutdown("report", life -> {
                    long uptime = Duration.between(STARTED_AT.get(life), timing.clock().instant()).toSeconds();
                    log.accept("[SHUTDOWN] Shutting down after " + uptime + "s, handled " + COUNTER.get(life).get()
                            + " requests");
                    log.accept("[SHUTDOWN] Cleanup complete");
                    return CompletableFuture.completedFuture(null);
                });
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }

    private static CompletionStage<Void> echo(Scope scope, Receive receive, Send send) {
        Request request = Request.of(scope, receive);
        String type = request.header("content-type").orElse("application/octet-stream");
        return request.body().thenCompose(body -> Response.bytes(body, type)
                .withHeader("x-echoed-length", Integer.toString(body.length()))
                .respond(scope, send));
    }

    private CompletionStage<Void> stream(Scope scope, Receive receive, Send send) {
        long number = COUNTER.get(scope).getAndIncrement();
        return ResponseWriter.start(scope, send, 200, Headers.of("content-type", "text/plain"))
                .thenCompose(writer -> {
                    CompletionStage<Void> written = writer.write("Stream started (request #" + number + ")\n");
                    for (String chunk : CHUNKS) {
                        written = written.thenCompose(v -> Timing.after(timing.chunkPause()))
                                .thenCompose(v -> writer.write(chunk));
                    }
                    return written.thenCompose(v -> writer.close());
                });
    }

    private static CompletionStage<Void> websocketEcho(Scope scope, Receive receive, Send send) {
        WebSocket ws = WebSocket.of(scope, receive, send);
        return ws.accept().thenCompose(accepted -> ws.forEach(message -> switch (message) {
            case Message.Text(String text) -> ws.sendText("Echo: " + text);
            case Message.Binary(var bytes) -> ws.sendBytes(bytes);
        }));
    }

    private CompletionStage<Void> events(Scope scope, Receive receive, Send send) {
        Sse sse = Sse.of(scope, receive, send);
        return sse.start().thenCompose(started -> tick(sse, 1));
    }

    /** Sends tick {@code n} and the ones after it, then {@code done}; stops as soon as the client has left. */
    private CompletionStage<Void> tick(Sse sse, int n) {
        if (n > TICKS) {
            return sse.trySend(ServerEvent.named("done", "Stream complete"))
                    .thenCompose(sent -> sse.close());
        }
        long now = timing.clock().instant().getEpochSecond();
        return sse.trySend(ServerEvent.named("tick", "Event #" + n + " at " + now).withId(Integer.toString(n)))
                .thenCompose(sent -> sent
                        ? pauseUnlessGone(sse).thenCompose(v -> tick(sse, n + 1))
                        : CompletableFuture.completedFuture(null));
    }

    /** The pause between ticks, cut short when the client leaves, so the handler returns at once then. */
    private CompletionStage<Void> pauseUnlessGone(Sse sse) {
        CompletableFuture<Void> gone = sse.disconnected().<Void>thenApply(reason -> null).toCompletableFuture();
        return Timing.after(timing.tickPause()).toCompletableFuture().applyToEither(gone, v -> v);
    }
}
