package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.wrappers.response.Response;

/** The rendered 500 as a real client receives it from the server, which keeps serving afterwards. */
@Timeout(30)
class ErrorHandlerOverSocketTest {

    @Test
    void aFailingHandlerIsAnswered500WithAnEscapedPageOverTheWire() throws Exception {
        Application inner = (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                return CompletableFuture.failedFuture(new UnsupportedScopeException(scope)); // no lifespan
            }
            if (http.path().equals("/boom")) {
                throw new IllegalStateException("<script>secret</script>");
            }
            return Response.text("fine").respond(scope, send);
        };
        RecordingLogger log = new RecordingLogger();
        Application app = ErrorHandler.builder().logger(log).build().wrap(inner);
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(app, config);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> html = client.send(HttpRequest.newBuilder(URI.create(base + "/boom"))
                    .header("accept", "text/html").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(500, html.statusCode());
            assertEquals("text/html; charset=utf-8", html.headers().firstValue("content-type").orElseThrow());
            assertEquals(String.valueOf(html.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                    html.headers().firstValue("content-length").orElseThrow());
            assertTrue(html.body().contains("Internal Server Error"));
            assertFalse(html.body().contains("secret"), "nothing of the exception in production");

            HttpResponse<String> json = client.send(HttpRequest.newBuilder(URI.create(base + "/boom"))
                    .header("accept", "application/json").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(500, json.statusCode());
            assertEquals("{\"error\":\"Internal Server Error\",\"status\":500}", json.body());

            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(base + "/ok"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("fine", ok.body(), "the server keeps serving");
            assertEquals(2, log.lines.size(), "one log line per failure");
        }
    }
}
