package org.pagi.examples.websocketechov2;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.websocket.Closed;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * A WebSocket echo with the wrappers' {@link WebSocket} (upstream's {@code examples/websocket-echo-v2} with
 * {@code PAGI::WebSocket}; compare example 04, the same with raw events): {@code accept()}, then each text message
 * comes back with {@code echo: } in front; binary messages are skipped, as upstream's {@code each_text} skips them;
 * {@code onClose} logs "Client disconnected: code". Any path; {@code websocket} scopes only (others, lifespan
 * included, fail with {@code UnsupportedScopeException}, as upstream dies). Async throughout, so it runs in either
 * execution mode. Thread-safe.
 */
public final class App implements Application {
    /** What a text message gets in front on its way back (upstream's prefix). */
    static final String ECHO_PREFIX = "echo: ";

    private static final System.Logger LOG = System.getLogger(App.class.getName());

    private final Consumer<Closed> disconnected;

    /** The echo, logging each client's close code. */
    public App() {
        this(closed -> LOG.log(System.Logger.Level.INFO, "Client disconnected: " + closed.code()));
    }

    /** @param disconnected told how each socket ended, once per socket */
    App(Consumer<Closed> disconnected) {
        this.disconnected = Objects.requireNonNull(disconnected, "disconnected");
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        WebSocket ws;
        try {
            ws = WebSocket.of(scope, receive, send);
        } catch (RuntimeException notAWebSocket) {
            return CompletableFuture.failedFuture(notAWebSocket);
        }
        ws.onClose(disconnected);
        return ws.accept().thenCompose(accepted -> ws.forEach(message -> switch (message) {
            case Message.Text(String text) -> ws.sendText(ECHO_PREFIX + text);
            case Message.Binary binary -> CompletableFuture.completedFuture(null);
        }));
    }
}
