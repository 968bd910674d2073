package org.pagi.wrappers.sse;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.SseScope;
import org.pagi.spec.event.SendEvent;
import org.pagi.spec.event.SseClose;
import org.pagi.spec.event.SseComment;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.event.SseStart;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.ScopeView;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.response.Response;

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
public final class Sse extends ScopeView<SseScope> {

    private enum Phase { NEW, STREAMING, DECLINED, CLOSED }

    private final OrderedSend sends;
    private final DisconnectWatch watch;
    /** Completes when the stream ends for this handler: disconnect, close or decline. Stops periodic tasks. */
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private Phase phase = Phase.NEW;

    private Sse(SseScope scope, Receive receive, Send send) {
        super(scope);
        this.sends = new OrderedSend(Objects.requireNonNull(send, "send"));
        this.watch = new DisconnectWatch(Objects.requireNonNull(receive, "receive"));
        watch.onDisconnect(reason -> ended.complete(null)); // first, so periodic tasks stop before user callbacks
        watch.start();
    }

    /** Wraps one SSE stream and starts watching {@code receive} for the disconnect. One Sse per stream. */
    public static Sse of(SseScope scope, Receive receive, Send send) {
        return new Sse(scope, receive, send);
    }

    // ---- scope (the rest is in ScopeView) ----

    /**
     * The {@code Last-Event-ID} header a reconnecting {@code EventSource} sends: the id of the last event it
     * received. Empty when absent or empty (a fresh client).
     */
    public Optional<String> lastEventId() {
        return header("last-event-id").filter(id -> !id.isEmpty());
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
        enqueue(new SseHttpResponseStart(response.status(), DeclineHeaders.of(response, scheme())));
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
