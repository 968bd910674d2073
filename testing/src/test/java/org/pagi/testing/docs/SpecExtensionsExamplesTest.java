package org.pagi.testing.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.EventType;
import org.pagi.spec.event.ExtensionEvent;
import org.pagi.spec.event.HttpFullFlush;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketHttpResponseBody;
import org.pagi.spec.event.WebSocketHttpResponseStart;
import org.pagi.spec.order.HttpOrder;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketDeniedException;
import org.pagi.testing.WebSocketSession;

/** The examples of spec/docs/extensions.md. */
class SpecExtensionsExamplesTest {

    @Test
    void declaringExtensions() {
        // snippet: extensions.declare
        Extensions extensions = Extensions.none()
                .with(Extensions.FULLFLUSH)                      // no data: Map.of()
                .with("ext.trace", Map.of("sampling", "0.1"));  // data defined by the extension
        assertTrue(extensions.has("fullflush"));
        assertEquals(Optional.of(Map.of()), extensions.get(Extensions.FULLFLUSH));
        assertFalse(extensions.has(Extensions.TLS));
        assertThrows(IllegalArgumentException.class, () -> Extensions.none().with("FullFlush"));
        // end-snippet
        assertEquals(List.of("fullflush", "ext.trace"), List.copyOf(extensions.names()));
    }

    @Test
    void fullflush() {
        // snippet: extensions.fullflush
        Application app = (scope, receive, send) -> {
            boolean canFlush = ((HttpScope) scope).extensions().has(Extensions.FULLFLUSH);
            CompletionStage<Void> sending = send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                    .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("first line\n"))));
            if (canFlush) {
                sending = sending.thenCompose(v -> send.send(new HttpFullFlush())); // only when advertised
            }
            return sending.thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("second line\n"))));
        };
        // end-snippet
        assertEquals("first line\nsecond line\n", TestClient.of(app).get("/").send().text()); // advertised
        TestClient without = TestClient.builder(app).extensions(Extensions.none()).build();
        assertEquals("first line\nsecond line\n", without.get("/").send().text());
        Application careless = (scope, receive, send) -> send.send(new HttpFullFlush());
        assertThrows(IllegalArgumentException.class,
                () -> TestClient.builder(careless).extensions(Extensions.none()).build().get("/").send());
    }

    @Test
    void websocketDenial() {
        // snippet: extensions.websocket-deny
        Application chat = (scope, receive, send) -> {
            WebSocketScope ws = (WebSocketScope) scope;
            return receive.receive().thenCompose(connect -> { // websocket.connect
                if (ws.headers().contains("authorization")) {
                    return send.send(new WebSocketAccept());
                }
                if (!ws.extensions().has(Extensions.WEBSOCKET_HTTP_RESPONSE)) {
                    return send.send(new WebSocketClose()); // the fallback: a bare 403
                }
                Headers headers = Headers.of("content-type", "application/json", "www-authenticate", "Bearer");
                return send.send(new WebSocketHttpResponseStart(401, headers))
                        .thenCompose(v -> send.send(
                                new WebSocketHttpResponseBody(Bytes.utf8("{\"error\":\"unauthorized\"}"), false)));
            });
        };
        WebSocketDeniedException denied = assertThrows(WebSocketDeniedException.class,
                () -> TestClient.of(chat).websocket("/chat").connect());
        assertEquals(401, denied.status());
        assertEquals(Optional.of("Bearer"), denied.headers().first("www-authenticate"));
        // end-snippet
        assertEquals("{\"error\":\"unauthorized\"}", denied.body().utf8());
        TestClient plain = TestClient.builder(chat).extensions(Extensions.none()).build();
        assertEquals(403, assertThrows(WebSocketDeniedException.class, () -> plain.websocket("/chat").connect()).status());
        try (WebSocketSession ws = TestClient.of(chat).websocket("/chat").header("authorization", "Bearer t").connect()) {
            ws.expectClose(WebSocketClose.NORMAL);
        }
    }

    @Test
    void customEvents() {
        // snippet: extensions.custom-event
        ExtensionEvent mark = new ExtensionEvent("ext.trace.mark", Map.of("label", "db-query"));
        assertEquals("ext.trace.mark", mark.type());
        assertEquals(EventType.EXTENSION, mark.kind());
        assertThrows(IllegalArgumentException.class, () -> new ExtensionEvent("http.custom", Map.of())); // reserved
        assertThrows(IllegalArgumentException.class, () -> new HttpOrder(true).send(mark)); // no core scope takes it
        // end-snippet
    }

    @Test
    void ownEvents() {
        // snippet: extensions.own-events
        CompletableFuture<String> jobDone = new CompletableFuture<>(); // completed by a background job
        Application app = (scope, receive, send) -> receive.receive() // http.request: the (empty) body
                .thenCompose(body -> CompletableFuture.anyOf(receive.receive().toCompletableFuture(), jobDone))
                .thenCompose(first -> first instanceof String report
                        ? send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(report))))
                        : CompletableFuture.completedFuture(null)); // http.disconnect came first: the client left
        // end-snippet
        TestClient client = TestClient.of(app);
        try (StreamingResponse waiting = client.post("/report").openBody().stream()) {
            waiting.disconnect();
            assertEquals(Optional.of(DisconnectReason.CLIENT_CLOSED), waiting.connection().disconnectReason());
        }
        jobDone.complete("report ready");
        assertEquals("report ready", client.get("/report").send().text());
    }
}
