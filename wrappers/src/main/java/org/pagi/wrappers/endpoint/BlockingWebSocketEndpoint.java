package org.pagi.wrappers.endpoint;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.websocket.BlockingWebSocket;
import org.pagi.wrappers.websocket.Closed;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * A WebSocket endpoint in the blocking mode: each session runs on its own virtual thread, and the hooks take the
 * {@link BlockingWebSocket} view and may wait. The rules are those of {@link WebSocketEndpoint}: accept by
 * default, messages decoded by the {@link Encoding} (1003 for the wrong kind, 1007 for bad JSON), a throwing
 * {@code onReceive} closes with 1011 and fails the session, {@link #onDisconnect} exactly once for an accepted
 * session.
 *
 * @param <T> what {@link #onReceive} gets
 */
public abstract class BlockingWebSocketEndpoint<T> implements Application {

    private final Encoding<T> encoding;
    private final Application app = Blocking.app(this::run);

    /** @param encoding what messages the endpoint takes, and how {@link #onReceive} gets them */
    protected BlockingWebSocketEndpoint(Encoding<T> encoding) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
    }

    /** @return the declared encoding */
    public final Encoding<T> encoding() {
        return encoding;
    }

    /** Answers the handshake; the default accepts with no subprotocol. */
    protected void onConnect(BlockingWebSocket ws) throws Exception {
        ws.accept();
    }

    /** Handles one decoded message; the next is received when it returns. The default ignores it. */
    protected void onReceive(BlockingWebSocket ws, T message) throws Exception {
    }

    /**
     * Runs once when an accepted session ends, on the session's own virtual thread, after the last
     * {@link #onReceive} returned; it may block.
     */
    protected void onDisconnect(BlockingWebSocket ws, Closed closed) throws Exception {
    }

    @Override
    public final CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }

    private void run(Scope scope, Receive receive, Send send) throws Exception {
        SessionWatch watch = new SessionWatch(send);
        BlockingWebSocket ws = WebSocket.of(scope, receive, watch).blocking();
        try {
            onConnect(ws);
            if (SessionWatch.receiving(ws.webSocket())) {
                for (Message message : ws) {
                    receiveOne(ws, message);
                }
            }
        } catch (Exception | Error failure) {
            if (!SessionWatch.closedTooLarge(failure)) {
                try {
                    ws.close(SessionWatch.INTERNAL_ERROR, "internal error");
                } catch (RuntimeException ignored) {
                    // the session is failing anyway; the original failure is what counts
                }
                try {
                    disconnected(ws, watch);
                } catch (Exception alsoFailed) {
                    failure.addSuppressed(alsoFailed);
                }
                throw failure;
            }
        }
        disconnected(ws, watch);
    }

    /** Here, not in an onClose callback: that may run on a server I/O thread, where blocking is refused. */
    private void disconnected(BlockingWebSocket ws, SessionWatch watch) throws Exception {
        Optional<Closed> closed = ws.webSocket().closeStatus();
        if (watch.accepted() && closed.isPresent()) {
            onDisconnect(ws, closed.get());
        }
    }

    private void receiveOne(BlockingWebSocket ws, Message message) throws Exception {
        T value;
        try {
            value = encoding.decode(message);
        } catch (RejectedMessageException rejected) {
            ws.close(rejected.closeCode(), rejected.getMessage());
            return;
        }
        onReceive(ws, value);
    }
}
