package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Extensions;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketDeniedException;
import org.pagi.testing.WebSocketSession;

class WebSocketOriginTest {
    private static final WebSocketOrigin SITE = WebSocketOrigin.builder().allow("https://app.example.com")
            .allow("http://localhost:3000").build();

    /** Accepts, says "welcome" and closes with 4000; counts its calls. */
    private static Application welcome(AtomicInteger calls) {
        return (scope, receive, send) -> {
            calls.incrementAndGet();
            return receive.receive().thenCompose(connect -> send.send(new WebSocketAccept()))
                    .thenCompose(v -> send.send(WebSocketSend.text("welcome")))
                    .thenCompose(v -> send.send(new WebSocketClose(4000, "bye")));
        };
    }

    private static void opens(TestClient client, String origin) {
        var builder = client.websocket("/ws");
        WebSocketSession ws = (origin == null ? builder : builder.header("origin", origin)).connect();
        assertEquals("welcome", ws.receiveText());
        ws.expectClose(4000);
    }

    @Test
    void allowedOriginsOpenInAnyCaseAndWithTheirDefaultPort() {
        AtomicInteger calls = new AtomicInteger();
        TestClient client = TestClient.of(SITE.wrap(welcome(calls)));
        opens(client, "https://app.example.com");
        opens(client, "HTTPS://App.Example.com:443");
        opens(client, "http://localhost:3000");
        assertEquals(3, calls.get());
    }

    @Test
    void otherOriginsAndAMissingOneAreDenied403WithoutCallingTheApplication() {
        AtomicInteger calls = new AtomicInteger();
        TestClient client = TestClient.of(SITE.wrap(welcome(calls)));
        for (String origin : new String[] {"https://evil.example", "http://app.example.com", "null",
                "https://app.example.com:8443", "http://localhost:3001"}) {
            var denied = assertThrows(WebSocketDeniedException.class,
                    () -> client.websocket("/ws").header("origin", origin).connect(), origin);
            assertEquals(403, denied.status(), origin);
            assertTrue(denied.body().utf8().contains(origin), denied.body().utf8());
        }
        assertEquals(403, assertThrows(WebSocketDeniedException.class, () -> client.websocket("/ws").connect())
                .status(), "browsers always send Origin: a handshake without one is refused by default");
        assertEquals(403, assertThrows(WebSocketDeniedException.class, () -> client.websocket("/ws")
                .header("origin", "https://app.example.com").header("origin", "https://evil.example").connect())
                .status(), "a repeated Origin is refused");
        assertEquals(0, calls.get());
    }

    @Test
    void allowMissingOriginLetsNonBrowserClientsIn() {
        AtomicInteger calls = new AtomicInteger();
        WebSocketOrigin lenient = WebSocketOrigin.builder().allow("https://app.example.com")
                .allowMissingOrigin(true).build();
        TestClient client = TestClient.of(lenient.wrap(welcome(calls)));
        opens(client, null);
        assertEquals(403, assertThrows(WebSocketDeniedException.class, () -> client.websocket("/ws")
                .header("origin", "https://evil.example").connect()).status());
        assertEquals(1, calls.get());
    }

    @Test
    void withoutTheDenialExtensionTheHandshakeIsClosedBeforeAccept() {
        AtomicInteger calls = new AtomicInteger();
        TestClient client = TestClient.builder(SITE.wrap(welcome(calls))).extensions(Extensions.none()).build();
        var denied = assertThrows(WebSocketDeniedException.class,
                () -> client.websocket("/ws").header("origin", "https://evil.example").connect());
        assertEquals(403, denied.status());
        assertEquals(1008, denied.closeCode().orElseThrow());
        assertEquals(0, calls.get());
    }

    @Test
    void anEmptyListOrANonOriginIsRefusedNamingTheOption() {
        var empty = assertThrows(IllegalArgumentException.class, () -> WebSocketOrigin.builder().build());
        assertTrue(empty.getMessage().startsWith("allowedOrigins"), empty.getMessage());
        var path = assertThrows(IllegalArgumentException.class,
                () -> WebSocketOrigin.builder().allow("https://app.example.com/chat").build());
        assertTrue(path.getMessage().startsWith("allowedOrigins"), path.getMessage());
    }

    @Test
    void httpIncludingHeadAndStreamedResponsesSseAndLifespanPassThrough() {
        PassThrough.untouched(SITE, PassThrough.Kind.HTTP, PassThrough.Kind.SSE, PassThrough.Kind.LIFESPAN);
        var res = TestClient.of(SITE.wrap(SecurityHeadersTest.streamed())).head("/").send();
        assertEquals(200, res.status());
        assertEquals("", res.text());
    }
}
