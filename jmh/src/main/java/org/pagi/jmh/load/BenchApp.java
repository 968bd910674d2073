package org.pagi.jmh.load;

import org.pagi.compliance.AsyncLoop;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.LifespanShutdown;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanStartup;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;

/**
 * The application the WebSocket and SSE load benchmark runs: as little application work as possible, so that the
 * figures measure the server.
 *
 * <table>
 *   <caption>What it answers</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>websocket, any path</td><td>accepted (no subprotocol); every message echoed with its own type, the
 *       same record sent back; returns on {@code websocket.disconnect}</td></tr>
 *   <tr><td>sse {@code /stream?n=N&size=S}</td><td>{@code sse.start}, then N unnamed events whose data is S
 *       bytes of {@code x}, each sent as soon as the previous send completed (that is, as fast as backpressure
 *       allows), then it returns, which ends the stream. Stops early when the client goes away. Defaults
 *       N = {@value #DEFAULT_EVENTS}, S = {@value #DEFAULT_SIZE}; limits N ≤ {@value #MAX_EVENTS},
 *       S ≤ {@value #MAX_SIZE}</td></tr>
 *   <tr><td>sse, any other path or a bad query</td><td>declined: {@code 404} or {@code 400}, text/plain</td></tr>
 *   <tr><td>http {@code GET /}</td><td>{@code 200 ok}: the load script's "is it up?" probe</td></tr>
 *   <tr><td>any other http request</td><td>{@code 404}</td></tr>
 *   <tr><td>lifespan</td><td>completes startup and shutdown</td></tr>
 * </table>
 *
 * <p>It never blocks: every route is a chain of stages and loops run through {@link AsyncLoop}, so it runs in both
 * execution modes of the server. Stateless and thread-safe.
 */
public final class BenchApp implements Application {
    /** Events per stream when the query does not say. */
    static final int DEFAULT_EVENTS = 1000;
    /** Event data bytes when the query does not say. */
    static final int DEFAULT_SIZE = 100;
    /** At most this many events per stream: a stream ends, so a client that wants more opens another. */
    static final int MAX_EVENTS = 100_000_000;
    /** At most this many data bytes per event: well inside the SSE decoders' 1 MiB line limit. */
    static final int MAX_SIZE = 512 * 1024;

    private static final CompletableFuture<Boolean> STOP = CompletableFuture.completedFuture(false);

    /** Creates the application; it holds no state. */
    public BenchApp() {
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return switch (scope) {
            case HttpScope http -> http(http, send);
            case WebSocketScope ws -> echo(receive, send);
            case SseScope sse -> sse(sse, receive, send);
            case LifespanScope life -> lifespan(receive, send);
        };
    }

    private static CompletionStage<Void> http(HttpScope http, Send send) {
        boolean probe = http.path().equals("/") && (http.method().equals("GET") || http.method().equals("HEAD"));
        return probe ? respond(send, 200, "ok") : respond(send, 404, "Not Found");
    }

    private static CompletionStage<Void> respond(Send send, int status, String text) {
        Bytes body = Bytes.ascii(text);
        Headers headers = Headers.of("content-type", "text/plain", "content-length", Integer.toString(body.length()));
        return send.send(new HttpResponseStart(status, headers))
                .thenCompose(started -> send.send(HttpResponseBody.last(body)));
    }

    private static CompletionStage<Void> echo(Receive receive, Send send) {
        return receive.receive() // websocket.connect
                .thenCompose(connect -> send.send(new WebSocketAccept()))
                .thenCompose(accepted -> AsyncLoop.repeat(() -> receive.receive().thenCompose(event -> {
                    if (event instanceof WebSocketReceive(var message)) {
                        return send.send(new WebSocketSend(message)).thenApply(v -> true);
                    }
                    return STOP; // websocket.disconnect
                })));
    }

    private static CompletionStage<Void> sse(SseScope sse, Receive receive, Send send) {
        if (!sse.path().equals("/stream")) {
            return decline(send, 404, "Not Found");
        }
        String query = sse.queryString().latin1();
        OptionalInt events = parameter(query, "n", DEFAULT_EVENTS, MAX_EVENTS);
        OptionalInt size = parameter(query, "size", DEFAULT_SIZE, MAX_SIZE);
        if (events.isEmpty() || size.isEmpty()) {
            return decline(send, 400, "n must be 0-" + MAX_EVENTS + " and size 0-" + MAX_SIZE);
        }
        SseSend event = SseSend.data("x".repeat(size.getAsInt()));
        // A GET brings one empty sse.request; after it only sse.disconnect can come, so the pending receive
        // tells the loop when the client went away.
        return receive.receive().thenCompose(request -> {
            CompletableFuture<Event> gone = receive.receive().toCompletableFuture();
            int[] left = {events.getAsInt()};
            return send.send(new SseStart()).thenCompose(started -> AsyncLoop.repeat(() -> {
                if (left[0] == 0 || gone.isDone()) {
                    return STOP;
                }
                left[0]--;
                return send.send(event).thenApply(sent -> true);
            }));
        });
    }

    private static CompletionStage<Void> decline(Send send, int status, String text) {
        Bytes body = Bytes.ascii(text);
        Headers headers = Headers.of("content-type", "text/plain", "content-length", Integer.toString(body.length()));
        return send.send(new SseHttpResponseStart(status, headers))
                .thenCompose(started -> send.send(new SseHttpResponseBody(body, false)));
    }

    /**
     * @return the value of {@code name} in a query of {@code name=digits} pairs; {@code fallback} when absent;
     *         empty when it is not a number from 0 to {@code max}
     */
    static OptionalInt parameter(String query, String name, int fallback, int max) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0 || !pair.substring(0, eq).equals(name)) {
                continue;
            }
            String value = pair.substring(eq + 1);
            if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return OptionalInt.empty();
            }
            int n = Integer.parseInt(value);
            return n <= max ? OptionalInt.of(n) : OptionalInt.empty();
        }
        return OptionalInt.of(fallback);
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
