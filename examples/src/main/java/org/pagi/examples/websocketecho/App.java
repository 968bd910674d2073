package org.pagi.examples.websocketecho;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketConnect;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;

/**
 * A WebSocket echo: it accepts every handshake ({@code websocket.accept} with no subprotocol and no extra headers,
 * whatever the path), then answers each {@code websocket.receive} with one {@code websocket.send}: a text message
 * comes back as text prefixed with {@code echo: }, a binary message comes back as the same bytes. It never closes
 * the WebSocket itself; it returns when {@code websocket.disconnect} arrives, however the client left (a Close
 * frame with any code, or a dropped connection).
 *
 * <p>Each call runs on a virtual thread of its own and waits with {@code join()}: the echo loop has no end fixed
 * in advance, and a loop of stages that complete at once would nest one call per message on the stack. The
 * server's thread is never blocked, in either execution mode. Serves {@code websocket} scopes only. Stateless and
 * thread-safe.
 */
public final class App implements Application {
    /** What a text message gets in front on its way back (the upstream example's exact prefix). */
    static final String ECHO_PREFIX = "echo: ";

    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("websocket-echo").start(task);

    /** Creates the application; it holds no state. */
    public App() {
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof WebSocketScope)) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        return CompletableFuture.runAsync(() -> echo(receive, send), VIRTUAL_THREADS);
    }

    private static void echo(Receive receive, Send send) {
        Event first = await(receive.receive());
        if (!(first instanceof WebSocketConnect)) {
            // The spec makes websocket.connect the first event; anything else is a server bug worth failing on.
            throw new IllegalStateException("expected websocket.connect first, got " + first.type());
        }
        await(send.send(new WebSocketAccept()));
        while (true) {
            switch (await(receive.receive())) {
                case WebSocketReceive(WebSocketMessage.Text(String text)) ->
                        await(send.send(WebSocketSend.text(ECHO_PREFIX + text)));
                case WebSocketReceive(WebSocketMessage.Binary(Bytes bytes)) ->
                        await(send.send(WebSocketSend.bytes(bytes)));
                case WebSocketDisconnect disconnect -> {
                    return; // the client is gone, whichever way it left: nobody to echo to
                }
                // The order rules let only websocket.receive and websocket.disconnect reach an open WebSocket; a
                // switch over every event still needs this branch. Anything else is skipped, as upstream does.
                default -> {
                }
            }
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
