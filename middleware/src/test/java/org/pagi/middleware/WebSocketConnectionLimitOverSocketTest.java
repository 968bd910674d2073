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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketSend;

/** Over a real socket: the connection over the limit gets 429 instead of an upgrade; a closed one frees its slot. */
class WebSocketConnectionLimitOverSocketTest {

    @Test
    @Timeout(30)
    void theSecondConnectionGets429OnTheWireUntilTheFirstHasGone() throws Exception {
        LinkedBlockingQueue<String> ended = new LinkedBlockingQueue<>();
        Application welcome = (scope, receive, send) -> {
            if (!(scope instanceof WebSocketScope)) {
                return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
            }
            return receive.receive().thenCompose(connect -> send.send(new WebSocketAccept()))
                    .thenCompose(v -> send.send(WebSocketSend.text("welcome")))
                    .thenCompose(v -> untilDisconnect(receive))
                    .whenComplete((v, e) -> ended.add("ended"));
        };
        WebSocketConnectionLimit limit = WebSocketConnectionLimit.builder().maxPerKey(1).build();
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(limit.wrap(welcome), config);
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/chat");
            CompletableFuture<String> first = new CompletableFuture<>();
            WebSocket ws = open(client, uri, first);
            assertEquals("welcome", first.get(10, TimeUnit.SECONDS));

            var failure = assertThrows(ExecutionException.class,
                    () -> open(client, uri, new CompletableFuture<>()));
            var handshake = assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
            assertEquals(429, handshake.getResponse().statusCode());

            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
            assertEquals("ended", ended.poll(10, TimeUnit.SECONDS));
            ws.abort();
            CompletableFuture<String> again = new CompletableFuture<>();
            WebSocket second = open(client, uri, again);
            assertEquals("welcome", again.get(10, TimeUnit.SECONDS));
            second.abort();
        }
    }

    private static WebSocket open(HttpClient client, URI uri, CompletableFuture<String> first) throws Exception {
        return client.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                first.complete(data.toString());
                socket.request(1);   // keep reading, so the server's Close frame is seen
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    private static CompletionStage<Void> untilDisconnect(Receive receive) {
        return receive.receive().thenCompose(event -> event instanceof WebSocketDisconnect
                ? CompletableFuture.completedFuture(null) : untilDisconnect(receive));
    }
}
