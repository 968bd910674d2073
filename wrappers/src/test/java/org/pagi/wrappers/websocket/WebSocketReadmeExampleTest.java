package org.pagi.wrappers.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketHandshake;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.Blocking;

/** The two examples of the WebSocket section of wrappers/README.md, kept identical to it and run. */
@Timeout(20)
class WebSocketReadmeExampleTest {

    @Test
    void asyncMode() {
        // --- README example starts
        OriginCheck origins = OriginCheck.allowing("https://chat.example.com");
        Application echo = (scope, receive, send) -> {
            WebSocket ws = WebSocket.of(scope, receive, send).maxMessageSize(64 * 1024);
            return origins.enforce(ws).thenCompose(ok -> !ok ? CompletableFuture.completedFuture(null)
                    : ws.accept()
                            .thenCompose(v -> ws.keepalive(Duration.ofSeconds(30), Duration.ofSeconds(10)))
                            .thenCompose(v -> ws.forEach(m -> switch (m) {    // completes when the socket closes
                                case Message.Text t when t.text().equals("bye") -> ws.close(4000, "bye");
                                case Message.Text t -> ws.sendJson(Map.of("echo", t.text()));
                                case Message.Binary b -> ws.sendBytes(b.bytes());
                            })));
        };
        // --- README example ends
        check(echo);
    }

    @Test
    void blockingMode() {
        OriginCheck origins = OriginCheck.allowing("https://chat.example.com");
        // --- README example starts
        Application echo = Blocking.app((scope, receive, send) -> {
            BlockingWebSocket ws = WebSocket.of(scope, receive, send).maxMessageSize(64 * 1024).blocking();
            if (!origins.enforce(ws)) {
                return;                                                   // refused with 403
            }
            ws.accept();
            ws.keepalive(Duration.ofSeconds(30), Duration.ofSeconds(10));
            for (Message m : ws) {                                        // ends when the socket closes
                switch (m) {
                    case Message.Text t when t.text().equals("bye") -> ws.close(4000, "bye");
                    case Message.Text t -> ws.sendJson(Map.of("echo", t.text()));
                    case Message.Binary b -> ws.sendBytes(b.bytes());
                }
            }
        });
        // --- README example ends
        check(echo);
    }

    private static void check(Application echo) {
        TestClient client = TestClient.of(echo);
        try (WebSocketSession s = client.websocket("/chat").header("origin", "https://chat.example.com").connect()) {
            assertEquals(Map.of("echo", "hi"), s.sendText("hi").receiveJson(Map.class));
            assertEquals(Bytes.utf8("raw"), s.sendBytes(Bytes.utf8("raw")).receiveBytes());
            assertEquals("bye", s.sendText("bye").expectClose(4000).reason());
        }
        WebSocketHandshake.Denied refused = assertInstanceOf(WebSocketHandshake.Denied.class,
                client.websocket("/chat").header("origin", "https://evil.example.net").tryConnect());
        assertEquals(403, refused.status());
    }
}
