package org.pagi.wrappers.sse;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.SseScope;
import org.pagi.spec.State;
import org.pagi.spec.event.SendEvent;
import org.pagi.spec.event.SseClose;
import org.pagi.spec.event.SseComment;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.event.SseStart;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.http.QueryParams;
import org.pagi.wrappers.http.RequestCookies;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

/**
 * A Server-Sent Events stream ({@code sse} scope). Methods that send return stages (async mode); for a blocking
 * handler use {@link #blocking()}, whose methods have the same names and return values.
 *
 * <p>The stream starts with {@link #start()} (200) or {@link #start(int, Headers)}; the first send starts it
 * with 200 when the handler did not. Before that, {@link #decline(Response)} answers with an ordinary response
 * instead. {@link #close()} ends it. Sends leave in call order, from any thread, even when a stage is not
 * awaited.
 *
 * <p>The Sse owns {@code receive}: it reads it in the background from construction on, drops the request body
 * pieces, and notices {@code sse.disconnect} even while the handler only sends. After that every send fails with
 * {@link SseDisconnectedException} (the {@code trySend} variants report {@code false}), {@link #onDisconnect}
 * callbacks run once, {@link #disconnected()} completes and {@link #every} tasks stop.
 *
 * <p>Misuse fails at once, before anything is sent, with an exception: an event or id with CR, LF or NUL
 * ({@link IllegalArgumentException} naming the field), a second start, a decline after start, a send after
 * {@link #close()} or a decline ({@link IllegalStateException}).
 */
public final class Sse {

    private enum Phase { NEW, STREAMING, DECLINED, CLOSED }

    private final SseScope scope;
    private final OrderedSend sends;
    private final DisconnectWatch watch;
    private final Map<String, Object> stash;
    /** Completes when the stream ends for this handler: disconnect, close or decline. Stops periodic tasks. */
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private Phase phase = Phase.NEW;
    private QueryParams query;
    private RequestCookies cookies;

    private Sse(SseScope scope, Receive receive, Send send) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.sends = new OrderedSend(Objects.requireNonNull(send, "send"));
        this.watch = new DisconnectWatch(Objects.requireNonNull(receive, "receive"));
        this.stash = sharedStash(scope).orElseGet(ConcurrentHashMap::new);
        watch.onDisconnect(reason -> ended.complete(null)); // first, so periodic tasks stop before user callbacks
        watch.start();
    }

    /** Wraps one SSE stream and starts watching {@code receive} for the disconnect. One Sse per stream. */
    public static Sse of(SseScope scope, Receive receive, Send send) {
        return new Sse(scope, receive, send);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> sharedStash(SseScope scope) {
        return scope.attribute(Request.STASH).filter(Map.class::isInstance).map(m -> (Map<String, Object>) m);
    }

    // ---- scope ----

    /** The scope this stream was opened with. */
    public SseScope scope() {
        return scope;
    }

    /** The request method ({@code GET} for a browser's {@code EventSource}). */
    public String method() {
        return scope.method();
    }

    /** The decoded path. */
    public String path() {
        return scope.path();
    }

    /** The path bytes as sent, still percent-encoded. */
    public Bytes rawPath() {
        return scope.rawPath();
    }

    /** The mount prefix the path is below ({@code ""} at the root). */
    public String rootPath() {
        return scope.rootPath();
    }

    /** {@code http} or {@code https}. */
    public String scheme() {
        return scope.scheme();
    }

    /** The client's address, when the server knows it. */
    public Optional<Endpoint> client() {
        return scope.client();
    }

    /** The server's address, when known. */
    public Optional<Endpoint> server() {
        return scope.server();
    }

    /** The request headers. */
    public Headers headers() {
        return scope.headers();
    }

    /** The first value of header {@code name} (any case). */
    public Optional<String> header(String name) {
        return scope.headers().first(name);
    }

    /**
     * The {@code Last-Event-ID} header a reconnecting {@code EventSource} sends: the id of the last event it
     * received. Empty when absent or empty (a fresh client).
     */
    public Optional<String> lastEventId() {
        return header("last-event-id").filter(id -> !id.isEmpty());
    }

    /** The query parameters, parsed once (see {@link QueryParams#parse(Bytes)}). */
    public synchronized QueryParams query() {
        if (query == null) {
            query = QueryParams.parse(scope.queryString());
        }
        return query;
    }

    /** The first value of query parameter {@code name}. */
    public Optional<String> queryParam(String name) {
        return query().get(name);
    }

    /** The request cookies, parsed once. */
    public synchronized RequestCookies cookies() {
        if (cookies == null) {
            cookies = RequestCookies.parse(scope.headers());
        }
        return cookies;
    }

    /** The router's path parameters; empty when the scope did not pass through a router. */
    public Map<String, String> pathParams() {
        return Router.pathParams(scope);
    }

    /** @throws IllegalArgumentException when the route has no such parameter (see {@link Router#pathParam}) */
    public String pathParam(String name) {
        return Router.pathParam(scope, name);
    }

    /** The lifespan state as copied into this stream's scope. */
    public State state() {
        return scope.state();
    }

    /**
     * Per-stream mutable data: kept here, or the {@code Map} a middleware put under {@link Request#STASH} in the
     * scope (shared with every wrapper of that scope).
     */
    public Map<String, Object> stash() {
        return stash;
    }

    // ---- the stream ----

    /** Starts the stream with 200 and no extra headers; see {@link #start(int, Headers)}. */
    public CompletionStage<Void> start() {
        return start(200, Headers.empty());
    }

    /**
     * Starts the stream ({@code sse.start}); the server adds {@code content-type: text/event-stream} and
     * {@code cache-control: no-cache}.
     *
     * @throws IllegalStateException when already started, declined or closed
     */
    public synchronized CompletionStage<Void> start(int status, Headers headers) {
        SseStart start = new SseStart(status, headers);
        if (phase != Phase.NEW) {
            throw new IllegalStateException("the SSE stream was already " + describe(phase));
        }
        if (watch.isGone()) {
            return disconnectedFailure();
        }
        phase = Phase.STREAMING;
        return enqueue(start);
    }

    /** Starts the stream with 200 unless it was started already (or has ended, which the next send reports). */
    synchronized CompletionStage<Void> startIfNew() {
        return phase == Phase.NEW ? start() : CompletableFuture.completedFuture(null);
    }

    /** Sends an unnamed event carrying {@code data} (any line breaks: each line becomes a {@code data:} line). */
    public CompletionStage<Void> send(String data) {
        return send(ServerEvent.of(data));
    }

    /** Sends {@code event}; starts the stream with 200 first when it was not started. */
    public CompletionStage<Void> send(ServerEvent event) {
        Objects.requireNonNull(event, "event");
        return streamEvent(event.toSend());
    }

    /** Sends {@code value} as JSON data (Jackson, via {@link Json}; an unwritable value throws at once). */
    public CompletionStage<Void> sendJson(Object value) {
        return send(jsonText(value));
    }

    /** Like {@link #send(String)}, but completes with {@code false} instead of failing. */
    public CompletionStage<Boolean> trySend(String data) {
        return trySend(ServerEvent.of(data));
    }

    /**
     * Like {@link #send(ServerEvent)}, but completes with {@code false} instead of failing when the client has
     * gone, the stream is closed or declined, or the server refused the event. Useful when broadcasting.
     */
    public CompletionStage<Boolean> trySend(ServerEvent event) {
        Objects.requireNonNull(event, "event");
        CompletionStage<Void> sent;
        try {
            sent = send(event);
        } catch (IllegalStateException e) {
            return CompletableFuture.completedFuture(false);
        }
        return sent.handle((v, failure) -> failure == null);
    }

    /** Like {@link #sendJson(Object)}, but completes with {@code false} instead of failing; see trySend. */
    public CompletionStage<Boolean> trySendJson(Object value) {
        return trySend(jsonText(value));
    }

    /**
     * Sends a comment line ({@code sse.comment}), which clients ignore; starts the stream first if needed.
     *
     * @throws IllegalArgumentException when {@code text} contains a line break
     */
    public CompletionStage<Void> comment(String text) {
        return streamEvent(new SseComment(text));
    }

    /** Has the server write a bare {@code :} comment every {@code interval}; zero stops it. */
    public CompletionStage<Void> keepalive(Duration interval) {
        return keepalive(interval, "");
    }

    /** Has the server write {@code comment} every {@code interval} ({@code sse.keepalive}); zero stops it. */
    public CompletionStage<Void> keepalive(Duration interval, String comment) {
        return streamEvent(new SseKeepalive(interval, comment));
    }

    /**
     * Runs {@code task} every {@code interval} on a virtual thread until the client disconnects, the stream is
     * closed, the task fails, or {@link Periodic#stop()}; the stage {@code task} returns is awaited before the
     * next interval starts, and a failed stage stops it (see {@link Periodic}).
     */
    public Periodic every(Duration interval, Supplier<? extends CompletionStage<?>> task) {
        Objects.requireNonNull(task, "task");
        return everyTask(interval, () -> Blocking.await(task.get()));
    }

    Periodic everyTask(Duration interval, Periodic.Task task) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(task, "task");
        return Periodic.start(interval, task, ended);
    }

    /**
     * Ends the stream ({@code sse.close}), starting it first if it was not. Idempotent; does nothing after a
     * decline or a disconnect. Stops {@link #every} tasks.
     */
    public synchronized CompletionStage<Void> close() {
        if (phase == Phase.CLOSED || phase == Phase.DECLINED) {
            return CompletableFuture.completedFuture(null);
        }
        boolean gone = watch.isGone();
        if (phase == Phase.NEW && !gone) {
            enqueue(new SseStart());
        }
        phase = Phase.CLOSED;
        ended.complete(null);
        return gone ? CompletableFuture.completedFuture(null) : enqueue(new SseClose());
    }

    /**
     * Answers with an ordinary response instead of a stream ({@code sse.http.response.start} and body): a 401,
     * a 404, or a 204 to stop an {@code EventSource} from reconnecting. Sets {@code content-length}, and adds
     * {@code Secure} to cookies on https, as {@link Response#respond} does.
     *
     * @throws IllegalStateException when the stream was already started, declined or closed
     */
    public synchronized CompletionStage<Void> decline(Response response) {
        Objects.requireNonNull(response, "response");
        if (phase != Phase.NEW) {
            throw new IllegalStateException("cannot decline: the SSE stream was already " + describe(phase));
        }
        if (watch.isGone()) {
            return disconnectedFailure();
        }
        phase = Phase.DECLINED;
        ended.complete(null);
        enqueue(new SseHttpResponseStart(response.status(), DeclineHeaders.of(response, scope.scheme())));
        return enqueue(new SseHttpResponseBody(response.body(), false));
    }

    // ---- disconnect ----

    /**
     * Runs {@code callback} once with the reason when the client disconnects (at once if it already has). A
     * failing callback is logged and does not stop the others.
     */
    public Sse onDisconnect(Consumer<DisconnectReason> callback) {
        watch.onDisconnect(Objects.requireNonNull(callback, "callback"));
        return this;
    }

    /**
     * Completes with the reason when the client disconnects ({@code sse.disconnect}). No disconnect follows a
     * decline, so after {@link #decline} this never completes: wait on it only for a stream.
     */
    public CompletionStage<DisconnectReason> disconnected() {
        return watch.gone().thenApply(reason -> reason); // a copy: callers cannot complete ours
    }

    /** Whether events can still be sent: the client has not disconnected and the stream is not closed/declined. */
    public synchronized boolean isConnected() {
        return !watch.isGone() && phase != Phase.CLOSED && phase != Phase.DECLINED;
    }

    /** A view whose methods wait and return values; see {@link org.pagi.wrappers.Blocking}. */
    public BlockingSse blocking() {
        return new BlockingSse(this);
    }

    // ---- sending ----

    private synchronized CompletionStage<Void> streamEvent(SendEvent event) {
        switch (phase) {
            case CLOSED, DECLINED -> throw new IllegalStateException(
                    "cannot send " + event.kind().wireName() + ": the SSE stream was already " + describe(phase));
            case NEW, STREAMING -> {
            }
        }
        if (watch.isGone()) {
            return disconnectedFailure();
        }
        if (phase == Phase.NEW) {
            phase = Phase.STREAMING;
            enqueue(new SseStart());
        }
        return enqueue(event);
    }

    private CompletionStage<Void> enqueue(SendEvent event) {
        return sends.enqueue(event);
    }

    private CompletionStage<Void> disconnectedFailure() {
        return CompletableFuture.failedFuture(new SseDisconnectedException(watch.reason()));
    }

    private static String jsonText(Object value) {
        return Json.encode(value).utf8();
    }

    private static String describe(Phase phase) {
        return switch (phase) {
            case NEW -> "new";
            case STREAMING -> "started";
            case DECLINED -> "declined";
            case CLOSED -> "closed";
        };
    }
}
