package org.pagi.testing.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.order.IllegalEventOrderException;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketSession;
import org.pagi.testing.demo.HelloApp;

/**
 * The Java examples of the root README.md ({@code readme.*}) and of testing/README.md ({@code testing.*}), run as
 * tests. Each region between {@code // snippet: NAME} and {@code // end-snippet} must equal the document's block
 * under {@code <!-- snippet: NAME -->} ({@link DocSnippetsTest} checks that), so the READMEs cannot show code that
 * does not compile or work.
 */
class ReadmeExamplesTest {

    @Test
    void theHelloAppAnswersTheTestClient() {
        // snippet: readme.hello-app
        Application hello = (scope, receive, send) -> switch (scope) {
            case HttpScope http -> send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("Hello from PAGI!"))));
            default -> CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        };
        // end-snippet

        // snippet: readme.test-client
        TestClient client = TestClient.of(hello);
        TestResponse response = client.get("/").send();
        assertEquals(200, response.status());
        assertEquals("text/plain", response.header("content-type").orElseThrow());
        assertEquals("Hello from PAGI!", response.text());
        // end-snippet
    }

    /** testing/README.md: one example per kind of exchange, against the demo's application. */
    @Nested
    class TestingReadme {
        private final TestClient client = TestClient.of(new HelloApp());

        @Test
        void websocketExampleEchoes() {
            // snippet: testing.websocket
            try (WebSocketSession ws = client.websocket("/ws").connect()) {
                ws.sendText("hi");
                assertEquals("echo: hi", ws.receiveText());
            }
            // end-snippet
        }

        @Test
        void sseExampleReadsTheFirstEvent() {
            // snippet: testing.sse
            try (SseStream events = client.sse("/events").open()) {
                assertEquals(SseMessage.of("tick", "tick 1").withId("1"), events.next());
            }
            // end-snippet
        }

        @Test
        void streamingExampleReadsTheFirstChunk() {
            // snippet: testing.streaming
            try (StreamingResponse response = client.get("/stream").stream()) {
                assertEquals(200, response.status());
                assertEquals(Optional.of(Bytes.utf8("one\n")), response.nextChunk());
            }
            // end-snippet
        }

        @Test
        void lifespanExampleSeesTheStateOfStartup() throws Exception {
            // snippet: testing.lifespan
            client.withLifespan(() -> {
                assertEquals("visit number 1", client.get("/visits").send().text());
                assertEquals("visit number 2", client.get("/visits").send().text());
            });
            // end-snippet
        }

        @Test
        void orderExampleFailsABodyBeforeItsStart() {
            // snippet: testing.order
            Application broken = (scope, receive, send) -> send.send(HttpResponseBody.last(Bytes.utf8("oops")));
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> TestClient.of(broken).get("/").send());
            assertTrue(e.getMessage().contains("expected http.response.start, got http.response.body"));
            // end-snippet
        }
    }
}
