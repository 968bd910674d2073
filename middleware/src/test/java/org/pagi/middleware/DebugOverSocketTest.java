package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.response.Response;

/**
 * The panel over a real connection: the corrected {@code Content-Length} frames the page exactly, so the next
 * request on the same keep-alive connection is read correctly, and HEAD announces that length without a body.
 */
@Timeout(30)
class DebugOverSocketTest {

    @Test
    void thePageWithItsPanelIsFramedExactlyOnAKeptAliveConnection() throws Exception {
        Application inner = (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                return CompletableFuture.failedFuture(new UnsupportedScopeException(scope)); // no lifespan
            }
            if (http.path().equals("/stream")) {
                return send.send(new HttpResponseStart(200, Headers.of("content-type", "text/html")))
                        .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("<body>a"))))
                        .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("b</body>"))));
            }
            return Response.html("<html><body><h1>caf\u00e9</h1></body></html>").respond(scope, send);
        };
        // Headers hidden: a client may send other headers with HEAD; everything else in the panel is the same.
        Application app = DebugTest.dev().showHeaders(false).build().wrap(inner);
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(app, config);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
            URI page = URI.create("http://127.0.0.1:" + server.port() + "/page");
            int getLength = 0;
            for (int i = 0; i < 3; i++) {   // one connection, reused: a wrong length would corrupt the next answer
                HttpResponse<byte[]> res = client.send(HttpRequest.newBuilder(page)
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
                String html = new String(res.body(), StandardCharsets.UTF_8);
                assertEquals(200, res.statusCode());
                assertEquals(String.valueOf(res.body().length), res.headers().firstValue("content-length").orElseThrow());
                assertTrue(html.startsWith("<html><body><h1>caf\u00e9</h1>") && html.endsWith("</div>\n</body></html>"),
                        html);
                assertTrue(html.contains("<tr><th>Path</th><td>/page</td></tr>"));
                getLength = res.body().length;
            }

            HttpResponse<byte[]> head = client.send(HttpRequest.newBuilder(page).method("HEAD",
                    HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(0, head.body().length);
            long announced = Long.parseLong(head.headers().firstValue("content-length").orElseThrow());
            assertEquals(getLength + "HEAD".length() - "GET".length(), announced,
                    "the GET page's length; the panel names the method, one letter longer");

            HttpResponse<String> stream = client.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.port() + "/stream")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("<body>ab</body>", stream.body(), "a stream is not touched");
            assertFalse(stream.headers().firstValue("content-length").isPresent(), "chunked as sent");
        }
    }
}
