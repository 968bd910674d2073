package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Middleware;

/** A browser's preflight over a real socket: answered before authentication and routing, which would refuse it. */
class CorsOverSocketTest {

    @Test
    @Timeout(30)
    void aPreflightIsAnsweredOutermostAndTheActualRequestCarriesTheHeaders() throws Exception {
        AtomicInteger reachedAuth = new AtomicInteger();
        Middleware auth = next -> (scope, receive, send) -> {
            if (!(scope instanceof HttpScope)) {
                return next.call(scope, receive, send);
            }
            reachedAuth.incrementAndGet();
            return ((HttpScope) scope).headers().contains("authorization") ? next.call(scope, receive, send)
                    : Response.text("login first").withStatus(401).respond(scope, send);
        };
        Application getOnly = (scope, receive, send) -> !(scope instanceof HttpScope http)
                ? CompletableFuture.failedFuture(new UnsupportedScopeException(scope))
                : http.method().equals("GET") ? Response.text("data").respond(scope, send)
                : Response.text("GET only").withStatus(405).respond(scope, send);
        Application app = MiddlewareStack.builder()
                .enable(Cors.builder().origins("https://app.example.com").credentials(true).build())
                .enable(auth).build(getOnly);

        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(app, config);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/items");

            HttpResponse<String> pre = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://app.example.com")
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, pre.statusCode());
            assertEquals(Optional.of("https://app.example.com"), pre.headers().firstValue("access-control-allow-origin"));
            assertEquals(Optional.of("true"), pre.headers().firstValue("access-control-allow-credentials"));
            assertTrue(pre.headers().firstValue("access-control-allow-headers").orElseThrow().contains("Authorization"));
            assertEquals(Optional.of("86400"), pre.headers().firstValue("access-control-max-age"));
            assertEquals("", pre.body());
            assertEquals(0, reachedAuth.get(), "the preflight never met authentication");

            HttpResponse<String> actual = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Origin", "https://app.example.com").header("Authorization", "Bearer t").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, actual.statusCode());
            assertEquals("data", actual.body());
            assertEquals(Optional.of("https://app.example.com"), actual.headers().firstValue("access-control-allow-origin"));
            assertEquals(Optional.of("Origin"), actual.headers().firstValue("vary"));

            HttpResponse<String> plainOptions = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer t").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, plainOptions.statusCode(), "an OPTIONS that is no preflight is the application's");

            HttpResponse<String> stranger = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, stranger.statusCode());
            assertTrue(stranger.headers().firstValue("access-control-allow-origin").isEmpty());
            assertEquals(3, reachedAuth.get(), "the actual request, the plain OPTIONS and the stranger met auth");
        }
    }
}
