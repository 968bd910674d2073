package org.pagi.testing.wire;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.SseScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.SseComment;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketHttpResponseBody;
import org.pagi.spec.event.WebSocketHttpResponseStart;
import org.pagi.spec.event.WebSocketKeepalive;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;

/**
 * The small applications the wire tests drive, one behaviour per path. They block on their stages, which is fine:
 * wire mode calls every application on a virtual thread of its own. Each records the disconnect event it receives
 * in a queue the test reads.
 */
final class WireTestApps {
    private WireTestApps() {
    }

    /**
     * A WebSocket application. {@code /refuse} closes before accepting; {@code /deny} answers 418 with a body;
     * {@code /rogue} accepts with a subprotocol nobody offered; {@code /close} accepts and closes with 4001
     * "bye"; {@code /keepalive} pings every 50 ms; {@code /strict-keepalive} also drops a client whose pong is
     * 1 s late; {@code /late} does that and sends "still here" after 1.5 s; every other path echoes each
     * message, having accepted with {@code chat} when the client offered it.
     */
    static Application websocket(BlockingQueue<WebSocketDisconnect> disconnects) {
        return (scope, receive, send) -> {
            if (!(scope instanceof WebSocketScope ws)) {
                return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
            }
            await(receive.receive()); // websocket.connect
            switch (ws.request().path()) {
                case "/refuse" -> await(send.send(new WebSocketClose()));
                case "/deny" -> {
                    await(send.send(new WebSocketHttpResponseStart(418, Headers.of("content-type", "text/plain",
                            "x-denied-by", "test"))));
                    await(send.send(new WebSocketHttpResponseBody(Bytes.utf8("no tea here"), false)));
                }
                case "/rogue" -> {
                    await(send.send(WebSocketAccept.withSubprotocol("rogue")));
                    disconnects.add(awaitDisconnect(receive));
                }
                case "/close" -> {
                    await(send.send(new WebSocketAccept()));
                    await(send.send(new WebSocketClose(4001, "bye")));
                    disconnects.add(awaitDisconnect(receive));
                }
                case "/keepalive", "/strict-keepalive", "/late" -> {
                    await(send.send(new WebSocketAccept()));
                    // A pong deadline a paused client still meets; /late outlasts it, so only answered pings keep it.
                    Optional<Duration> pongTimeout = ws.request().path().equals("/keepalive") ? Optional.empty()
                            : Optional.of(Duration.ofSeconds(1));
                    await(send.send(new WebSocketKeepalive(Duration.ofMillis(50), pongTimeout)));
                    if (ws.request().path().equals("/late")) {
                        sleep(Duration.ofMillis(1500));
                        await(send.send(WebSocketSend.text("still here")));
                    }
                    disconnects.add(awaitDisconnect(receive));
                }
                default -> {
                    await(send.send(ws.subprotocols().contains("chat") ? WebSocketAccept.withSubprotocol("chat")
                            : new WebSocketAccept()));
                    echo(receive, send, disconnects);
                }
            }
            return CompletableFuture.completedFuture(null);
        };
    }

    private static void echo(Receive receive, org.pagi.spec.Send send, BlockingQueue<WebSocketDisconnect> out) {
        while (true) {
            switch (await(receive.receive())) {
                case WebSocketReceive r -> await(send.send(new WebSocketSend(r.message())));
                case WebSocketDisconnect d -> {
                    out.add(d);
                    return;
                }
                default -> throw new IllegalStateException("unexpected event on an open WebSocket");
            }
        }
    }

    private static WebSocketDisconnect awaitDisconnect(Receive receive) {
        while (true) {
            if (await(receive.receive()) instanceof WebSocketDisconnect d) {
                return d;
            }
        }
    }

    /**
     * An SSE application. {@code /events} sends a named event with an id and retry, a comment and a plain event,
     * then returns; {@code /keepalive} has the server comment "ka" every 50 ms; {@code /decline} answers 403 with
     * a body; {@code /resume} sends the request's {@code last-event-id} as its event; every other path sends the
     * event "one" and waits for the client to leave.
     */
    static Application sse(BlockingQueue<SseDisconnect> disconnects) {
        return (scope, receive, send) -> {
            if (!(scope instanceof SseScope sse)) {
                return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
            }
            await(receive.receive()); // sse.request: the empty body of the GET
            switch (sse.request().path()) {
                case "/events" -> {
                    await(send.send(new SseStart()));
                    await(send.send(SseSend.event("greeting", "hello\nworld").withId("7").withRetry(2500)));
                    await(send.send(new SseComment("note")));
                    await(send.send(SseSend.data("plain")));
                }
                case "/keepalive" -> {
                    await(send.send(new SseStart()));
                    await(send.send(new SseKeepalive(Duration.ofMillis(50), "ka")));
                    disconnects.add(awaitSseDisconnect(receive));
                }
                case "/decline" -> {
                    await(send.send(new SseHttpResponseStart(403, Headers.of("content-type", "text/plain"))));
                    await(send.send(new SseHttpResponseBody(Bytes.utf8("no stream for you"), false)));
                }
                case "/resume" -> {
                    await(send.send(new SseStart()));
                    await(send.send(SseSend.data(sse.request().headers().first("last-event-id").orElse("none"))));
                    disconnects.add(awaitSseDisconnect(receive));
                }
                default -> {
                    await(send.send(new SseStart()));
                    await(send.send(SseSend.data("one")));
                    disconnects.add(awaitSseDisconnect(receive));
                }
            }
            return CompletableFuture.completedFuture(null);
        };
    }

    private static SseDisconnect awaitSseDisconnect(Receive receive) {
        while (true) {
            if (await(receive.receive()) instanceof SseDisconnect d) {
                return d;
            }
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
