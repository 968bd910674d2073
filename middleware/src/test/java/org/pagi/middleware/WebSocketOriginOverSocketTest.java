package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketSend;

/** A cross-site handshake over a real socket: the client sees a 403 instead of an upgrade, a same-site one opens. */
class WebSocketOriginOverSocketTest {

    @Test
    @Timeout(30)
    void aForeignOriginGets403OnTheWireAndTheAllowedOneOpens() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Application welcome = (scope, receive, send) -> {
            if (!(scope instanceof WebSocketScope)) {
                return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
            }
            calls.incrementAndGet();
            return receive.receive().thenCompose(connect -> send.send(new WebSocketAccept()))
                    .thenCompose(v -> send.send(WebSocketSend.text("welcome")))
                    .thenCompose(v -> send.send(new WebSocketClose(1000, "")));
        };
        Application app = WebSocketOrigin.builder().allow("https://app.example.com").build().wrap(welcome);
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(app, config);
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/chat");

            var failure = assertThrows(ExecutionException.class, () -> client.newWebSocketBuilder()
                    .header("Origin", "https://evil.example").buildAsync(uri, new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS));
            var handshake = assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
            assertEquals(403, handshake.getResponse().statusCode());
            assertEquals(0, calls.get());

            CompletableFuture<String> first = new CompletableFuture<>();
            WebSocket ws = client.newWebSocketBuilder().header("Origin", "https://app.example.com")
                    .buildAsync(uri, new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            first.complete(data.toString());
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            assertEquals("welcome", first.get(10, TimeUnit.SECONDS));
            ws.abort();
            assertEquals(1, calls.get());
        }
    }
}
