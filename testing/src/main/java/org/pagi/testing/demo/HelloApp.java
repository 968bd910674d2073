package org.pagi.testing.demo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.pagi.spec.event.LifespanShutdown;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanStartup;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;

/**
 * The example application the {@link Demo} drives: one PAGI {@link Application} that serves every scope type
 * with nothing but spec events.
 *
 * <ul>
 *   <li>{@code GET /}: {@code Hello from PAGI!}</li>
 *   <li>{@code POST /echo}: the request body back, with the request's {@code content-type}</li>
 *   <li>{@code GET /stream}: three lines, each in its own {@code http.response.body} event</li>
 *   <li>{@code GET /visits}: counts requests with the counter lifespan startup put in the state</li>
 *   <li>websocket {@code /ws}: answers each text message with {@code echo: } and the text</li>
 *   <li>sse {@code /events}: three {@code tick} events, then the stream ends</li>
 * </ul>
 *
 * <p>Each call runs on a virtual thread of its own and waits for events with {@code join()}, so every handler
 * reads top to bottom; the stage {@link #call} returns completes when the handler returns. A real application
 * would use the {@code wrappers} module instead of raw events; this one shows what those wrappers do.
 *
 * <p>Thread-safe: the only shared value is the counter in the lifespan state, an {@link AtomicInteger}.
 */
public final class HelloApp implements Application {
    /** The state key lifespan startup stores the visit counter under. */
    public static final String VISITS = "visits";

    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("hello-app").start(task);

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return CompletableFuture.runAsync(() -> {
            switch (scope) {
                case HttpScope http -> http(http, receive, send);
                case WebSocketScope ws -> websocket(receive, send);
                case SseScope sse -> sse(receive, send);
                case LifespanScope life -> lifespan(life, receive, send);
            }
        }, VIRTUAL_THREADS);
    }

    private static void http(HttpScope scope, Receive receive, Send send) {
        Bytes body = readBody(receive);
        switch (scope.method() + " " + scope.path()) {
            case "GET /" -> respond(send, 200, "text/plain", Bytes.utf8("Hello from PAGI!"));
            case "POST /echo" -> {
                String type = scope.headers().first("content-type").orElse("application/octet-stream");
                respond(send, 200, type, body);
            }
            case "GET /stream" -> {
                await(send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain"))));
                for (String line : new String[] {"one\n", "two\n", "three\n"}) {
                    await(send.send(HttpResponseBody.chunk(Bytes.utf8(line))));
                }
                await(send.send(HttpResponseBody.last(Bytes.empty())));
            }
            case "GET /visits" -> {
                // The state is a shallow copy per request: the counter object is the one lifespan startup stored.
                String text = scope.state().get(VISITS, AtomicInteger.class)
                        .map(counter -> "visit number " + counter.incrementAndGet())
                        .orElse("no counter: lifespan startup did not run");
                respond(send, 200, "text/plain", Bytes.utf8(text));
            }
            default -> respond(send, 404, "text/plain", Bytes.utf8("Not Found"));
        }
    }

    /** Reads {@code http.request} events until {@code more = false} (or a disconnect) and joins their bodies. */
    private static Bytes readBody(Receive receive) {
        Bytes body = Bytes.empty();
        while (await(receive.receive()) instanceof HttpRequest piece) {
            body = body.concat(piece.body());
            if (!piece.more()) {
                break;
            }
        }
        return body;
    }

    private static void respond(Send send, int status, String contentType, Bytes body) {
        Headers headers = Headers.of("content-type", contentType, "content-length", Integer.toString(body.length()));
        await(send.send(new HttpResponseStart(status, headers)));
        await(send.send(HttpResponseBody.last(body)));
    }

    private static void websocket(Receive receive, Send send) {
        await(receive.receive()); // websocket.connect
        await(send.send(new WebSocketAccept()));
        while (await(receive.receive()) instanceof WebSocketReceive message) {
            String text = message.text().orElse("(binary message)");
            await(send.send(WebSocketSend.text("echo: " + text)));
        }
        // The loop ends at websocket.disconnect: the client closed, so the application just returns.
    }

    private static void sse(Receive receive, Send send) {
        await(receive.receive()); // sse.request: a GET stream has an empty body
        await(send.send(new SseStart()));
        for (int i = 1; i <= 3; i++) {
            await(send.send(SseSend.event("tick", "tick " + i).withId(Integer.toString(i))));
        }
        // Returning while the stream is open ends it normally, exactly like sending sse.close.
    }

    private static void lifespan(LifespanScope scope, Receive receive, Send send) {
        while (true) {
            Event event = await(receive.receive());
            if (event instanceof LifespanStartup) {
                scope.state().put(VISITS, new AtomicInteger());
                await(send.send(new LifespanStartupComplete()));
            } else if (event instanceof LifespanShutdown) {
                await(send.send(new LifespanShutdownComplete()));
                return;
            }
        }
    }

    /** Waits for a stage: fine here, because every call has a virtual thread of its own. */
    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
