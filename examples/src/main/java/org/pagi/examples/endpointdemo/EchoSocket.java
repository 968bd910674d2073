package org.pagi.examples.endpointdemo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.pagi.wrappers.endpoint.Encoding;
import org.pagi.wrappers.endpoint.WebSocketEndpoint;
import org.pagi.wrappers.websocket.Closed;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * A JSON echo: a {@code connected} greeting on accept, then each message back as
 * {@code {"type":"echo","original":...,"timestamp":seconds}}. Text that is not JSON closes with 1007. The
 * server pings every 25 s (upstream's {@code ping_interval}) so an idle connection stays open.
 */
final class EchoSocket extends WebSocketEndpoint<Object> {
    static final Duration PING_INTERVAL = Duration.ofSeconds(25);
    private static final System.Logger LOG = System.getLogger(EchoSocket.class.getName());

    EchoSocket() {
        super(Encoding.JSON);
    }

    record Greeting(String type, String message) {
    }

    /** {@code timestamp}: seconds with milliseconds, written plain (as upstream's {@code time()}). */
    record Echo(String type, Object original, BigDecimal timestamp) {
    }

    @Override
    protected CompletionStage<?> onConnect(WebSocket ws) {
        return ws.accept()
                .thenCompose(v -> ws.keepalive(PING_INTERVAL))
                .thenCompose(v -> ws.sendJson(new Greeting("connected", "Welcome!")));
    }

    @Override
    protected CompletionStage<?> onReceive(WebSocket ws, Object message) {
        return ws.sendJson(new Echo("echo", message, BigDecimal.valueOf(System.currentTimeMillis(), 3)));
    }

    @Override
    protected void onDisconnect(WebSocket ws, Closed closed) {
        LOG.log(System.Logger.Level.INFO, () -> "WebSocket client disconnected: " + closed.code());
    }
}
