package org.pagi.compliance;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.SseScope;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;
import org.pagi.spec.event.LifespanShutdown;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanStartup;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseRequest;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;

/**
 * The application every server under test runs, with a contract that compliance suites rely on. It must not
 * change without changing those suites and {@code compliance/README.md}.
 *
 * <table>
 *   <caption>The contract</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>http {@code GET /}</td><td>{@code 200}, {@code content-type: text/plain},
 *       {@code Hello from PAGI!}</td></tr>
 *   <tr><td>http {@code POST /echo}, {@code PUT /echo}</td><td>{@code 200},
 *       {@code content-type: application/octet-stream}, the request body byte for byte, streamed: one
 *       {@code http.response.body} per {@code http.request}, with the same {@code more}</td></tr>
 *   <tr><td>http {@code GET /stream}</td><td>{@code 200}, {@code content-type: text/plain}, no
 *       {@code content-length}; {@code Chunk 1\n}, {@code Chunk 2\n}, {@code Chunk 3\n} with {@code more = true},
 *       then an empty final body; with {@code TE: trailers}, trailers declared and
 *       {@code x-stream-complete: 1} sent</td></tr>
 *   <tr><td>http {@code GET /status/NNN}, NNN 200-599</td><td>status NNN, empty body</td></tr>
 *   <tr><td>any other http request</td><td>{@code 404}, {@code content-type: text/plain},
 *       {@code Not Found}</td></tr>
 *   <tr><td>websocket, any path</td><td>accepted with no subprotocol; every message echoed with its own type;
 *       returns on {@code websocket.disconnect}</td></tr>
 *   <tr><td>sse {@code /events}</td><td>{@code 200}; events {@code tick} with id and data {@code k}, k = 1..5,
 *       100 ms apart, resuming after a numeric {@code Last-Event-ID}; then {@code done} with data
 *       {@code finished}; then the stream ends. Stops early on {@code sse.disconnect}</td></tr>
 *   <tr><td>sse, any other path</td><td>declined: {@code 404}, {@code content-type: text/plain},
 *       {@code Not Found}</td></tr>
 *   <tr><td>lifespan</td><td>completes startup and shutdown</td></tr>
 * </table>
 *
 * <p>{@code HEAD} is answered like {@code GET} (the server drops the body), because HTTP requires it of every
 * resource that answers {@code GET} (RFC 9110 section 9.3.2). Fixed bodies carry {@code content-length}, and the
 * {@code /status} responses carry {@code content-length: 0} except {@code 204} and {@code 304}, which must not
 * (RFC 9110 sections 8.6 and 15.4.5); only {@code /stream} and {@code /echo} leave framing to the server. Request
 * bodies of the other routes are not read; the server discards them.
 *
 * <p>It never blocks: every route is a chain of stages, loops run through {@link AsyncLoop}, and the SSE pauses
 * use {@link CompletableFuture#delayedExecutor}, whose continuations run on the common pool. So it is safe in
 * a server's event-loop execution mode as well as on virtual threads. Stateless and thread-safe.
 */
public final class ConformanceApp implements Application {
    static final Bytes HELLO = Bytes.utf8("Hello from PAGI!");
    static final Bytes NOT_FOUND = Bytes.utf8("Not Found");
    static final List<Bytes> STREAM_CHUNKS =
            List.of(Bytes.utf8("Chunk 1\n"), Bytes.utf8("Chunk 2\n"), Bytes.utf8("Chunk 3\n"));
    static final Headers STREAM_TRAILERS = Headers.of("x-stream-complete", "1");
    static final int LAST_TICK = 5;
    static final Duration TICK_INTERVAL = Duration.ofMillis(100);

    private static final Pattern STATUS_PATH = Pattern.compile("/status/([0-9]{3})");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final Executor AFTER_TICK_INTERVAL =
            CompletableFuture.delayedExecutor(TICK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);

    /** Creates the application; it holds no state, so one instance serves every connection. */
    public ConformanceApp() {
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return switch (scope) {
            case HttpScope http -> http(http, receive, send);
            case WebSocketScope ws -> websocket(receive, send);
            case SseScope sse -> sse(sse, receive, send);
            case LifespanScope life -> lifespan(receive, send);
        };
    }

    private static CompletionStage<Void> http(HttpScope http, Receive receive, Send send) {
        boolean get = http.method().equals("GET") || http.method().equals("HEAD");
        boolean upload = http.method().equals("POST") || http.method().equals("PUT");
        String path = http.path();
        if (get && path.equals("/")) {
            return respond(send, 200, HELLO);
        }
        if (get && path.equals("/stream")) {
            return stream(http, send);
        }
        if (upload && path.equals("/echo")) {
            return echo(receive, send);
        }
        OptionalInt status = get ? requestedStatus(path) : OptionalInt.empty();
        if (status.isPresent()) {
            return emptyResponse(send, status.getAsInt());
        }
        return respond(send, 404, NOT_FOUND);
    }

    private static CompletionStage<Void> respond(Send send, int status, Bytes body) {
        Headers headers = Headers.of("content-type", "text/plain", "content-length", Integer.toString(body.length()));
        return send.send(new HttpResponseStart(status, headers))
                .thenCompose(started -> send.send(HttpResponseBody.last(body)));
    }

    /** Streams each request piece back as it arrives, so a body of any size passes through in constant memory. */
    private static CompletionStage<Void> echo(Receive receive, Send send) {
        Headers headers = Headers.of("content-type", "application/octet-stream");
        return send.send(new HttpResponseStart(200, headers))
                .thenCompose(started -> AsyncLoop.repeat(() -> receive.receive().thenCompose(event -> {
                    if (event instanceof HttpRequest piece) {
                        return send.send(new HttpResponseBody(piece.body(), piece.more())).thenApply(v -> piece.more());
                    }
                    return CompletableFuture.completedFuture(false); // http.disconnect: nobody left to echo to
                })));
    }

    private static CompletionStage<Void> stream(HttpScope http, Send send) {
        boolean trailers = acceptsTrailers(http.headers());
        CompletionStage<Void> sending =
                send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain"), trailers));
        for (Bytes chunk : STREAM_CHUNKS) {
            sending = sending.thenCompose(v -> send.send(HttpResponseBody.chunk(chunk)));
        }
        sending = sending.thenCompose(v -> send.send(HttpResponseBody.last(Bytes.empty())));
        return trailers ? sending.thenCompose(v -> send.send(new HttpResponseTrailers(STREAM_TRAILERS))) : sending;
    }

    /** A client that keeps trailers says so with the {@code trailers} token of {@code TE} (RFC 9110 section 10.1.4). */
    static boolean acceptsTrailers(Headers headers) {
        return headers.all("te").stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .anyMatch(token -> token.strip().toLowerCase(Locale.ROOT).equals("trailers"));
    }

    /** @return NNN of {@code /status/NNN} when it is a final status, 200-599; empty for any other path */
    static OptionalInt requestedStatus(String path) {
        var match = STATUS_PATH.matcher(path);
        if (!match.matches()) {
            return OptionalInt.empty();
        }
        int status = Integer.parseInt(match.group(1));
        return status >= 200 && status <= 599 ? OptionalInt.of(status) : OptionalInt.empty();
    }

    private static CompletionStage<Void> emptyResponse(Send send, int status) {
        // 204 and 304 must not carry content-length: 0 (RFC 9110 sections 8.6 and 15.4.5); every other status may.
        Headers headers = status == 204 || status == 304 ? Headers.empty() : Headers.of("content-length", "0");
        return send.send(new HttpResponseStart(status, headers))
                .thenCompose(started -> send.send(HttpResponseBody.last(Bytes.empty())));
    }

    private static CompletionStage<Void> websocket(Receive receive, Send send) {
        return receive.receive() // websocket.connect
                .thenCompose(connect -> send.send(new WebSocketAccept()))
                .thenCompose(accepted -> AsyncLoop.repeat(() -> receive.receive().thenCompose(event -> {
                    if (event instanceof WebSocketReceive(var message)) {
                        // The same message record: text goes back as text, bytes as bytes, unchanged.
                        return send.send(new WebSocketSend(message)).thenApply(v -> true);
                    }
                    return CompletableFuture.completedFuture(false); // websocket.disconnect: the session is over
                })));
    }

    private static CompletionStage<Void> sse(SseScope sse, Receive receive, Send send) {
        if (!sse.path().equals("/events")) {
            Headers headers = Headers.of("content-type", "text/plain",
                    "content-length", Integer.toString(NOT_FOUND.length()));
            return send.send(new SseHttpResponseStart(404, headers))
                    .thenCompose(started -> send.send(new SseHttpResponseBody(NOT_FOUND, false)));
        }
        long first = Math.min(resumedAfter(sse.headers()), LAST_TICK) + 1;
        AtomicBoolean disconnected = new AtomicBoolean();
        return readSseBody(receive, disconnected).thenCompose(read -> {
            if (disconnected.get()) {
                return DONE; // gone before the stream started: nothing is owed
            }
            // Only sse.disconnect can come now; this pending receive is how the ticks notice it.
            CompletableFuture<Event> gone = receive.receive().toCompletableFuture();
            return send.send(new SseStart()).thenCompose(started -> ticks(first, gone, send));
        });
    }

    /** Reads the request's {@code sse.request} pieces (a GET has one, empty); notes a disconnect instead. */
    private static CompletionStage<Void> readSseBody(Receive receive, AtomicBoolean disconnected) {
        return AsyncLoop.repeat(() -> receive.receive().thenApply(event -> {
            if (event instanceof SseRequest piece) {
                return piece.more();
            }
            disconnected.set(true);
            return false;
        }));
    }

    /** @return the numeric {@code Last-Event-ID} a reconnecting client sent; 0 when absent or not a number */
    static long resumedAfter(Headers headers) {
        String id = headers.first("last-event-id").map(String::strip).orElse("");
        if (!NUMBER.matcher(id).matches()) {
            return 0;
        }
        return id.length() > 18 ? Long.MAX_VALUE : Long.parseLong(id); // 19 digits may overflow a long
    }

    /** Sends tick {@code k} and the ones after it, then {@code done}; at most five rounds, so plain recursion. */
    private static CompletionStage<Void> ticks(long k, CompletableFuture<Event> gone, Send send) {
        if (gone.isDone()) {
            return DONE; // sse.disconnect: stop early
        }
        if (k > LAST_TICK) {
            return send.send(SseSend.event("done", "finished"));
        }
        String n = Long.toString(k);
        return send.send(SseSend.event("tick", n).withId(n))
                .thenCompose(sent -> k < LAST_TICK ? pauseUnlessGone(gone) : DONE)
                .thenCompose(paused -> ticks(k + 1, gone, send));
    }

    /** Waits one tick interval, or less if the client disconnects meanwhile. */
    private static CompletionStage<Void> pauseUnlessGone(CompletableFuture<Event> gone) {
        CompletableFuture<Void> interval = CompletableFuture.runAsync(() -> { }, AFTER_TICK_INTERVAL);
        return CompletableFuture.anyOf(interval, gone).thenApply(first -> null);
    }

    private static CompletionStage<Void> lifespan(Receive receive, Send send) {
        return AsyncLoop.repeat(() -> receive.receive().thenCompose(event -> switch (event) {
            case LifespanStartup startup -> send.send(new LifespanStartupComplete()).thenApply(v -> true);
            case LifespanShutdown shutdown -> send.send(new LifespanShutdownComplete()).thenApply(v -> false);
            default -> CompletableFuture.failedFuture(
                    new IllegalStateException("a lifespan scope received " + event.type()));
        }));
    }
}
