package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

/** The apps on the wire: a cascaded response streams, the body is replayed, mounts, errors and redirects. */
@Timeout(60)
class AppsOverSocketTest {

    private static PagiServer start(Application app) throws java.io.IOException {
        return PagiServer.start(app, ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build());
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static HttpRequest.Builder request(PagiServer server, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20));
    }

    @Test
    void aCascadedResponseStreamsToTheClientWhileTheLastAppProducesIt() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        Application streaming = CascadeTest.heldOpen("first", release, "second");
        Application cascade = Cascade.of(Router.builder().get("/other", Echo.of("router")).build(), streaming);
        try (PagiServer server = start(cascade); HttpClient client = client()) {
            HttpResponse<InputStream> response = client.send(request(server, "/stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            try (InputStream body = response.body()) {
                assertEquals("first", new String(body.readNBytes(5), StandardCharsets.US_ASCII),
                        "the first chunk is on the wire before the app has finished; the router's 404 is not");
                release.complete(null);
                assertEquals("second", new String(body.readAllBytes(), StandardCharsets.US_ASCII));
            }
        } finally {
            release.complete(null);
        }
    }

    @Test
    void aPostedBodyIsReplayedForTheAppAfterAPassedOverOne() throws Exception {
        Application peek = (scope, receive, send) -> Request.of((HttpScope) scope, receive).text()
                .thenCompose(body -> Response.text("not mine").withStatus(404).respond(scope, send));
        Application use = (scope, receive, send) -> Request.of((HttpScope) scope, receive).text()
                .thenCompose(body -> Response.text("got " + body.length()).respond(scope, send));
        String big = "x".repeat(200_000);
        try (PagiServer server = start(Cascade.of(peek, use)); HttpClient client = client()) {
            HttpResponse<String> response = client.send(request(server, "/")
                    .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("got 200000", response.body());
        }
    }

    @Test
    void mountsErrorsRedirectsAndThrottlingOnTheWire() throws Exception {
        Application app = URLMap.builder()
                .mount("/api", Echo.of("api"))
                .mount("/old", Redirect.to("/new").status(301).build())
                .mount("/limited", Throttle.builder(Echo.of("limited")).rate(0.001).burst(1).build())
                .defaultApp(NotFound.builder().status(410).body("gone").build())
                .build();
        try (PagiServer server = start(app); HttpClient client = client()) {
            HttpResponse<String> mounted = client.send(request(server, "/api/users").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("api|/users|/api", mounted.body());

            HttpResponse<String> head = client.send(request(server, "/apix").method("HEAD",
                    HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(410, head.statusCode());
            assertEquals(Optional.of("4"), head.headers().firstValue("content-length"));
            assertEquals("", head.body());

            HttpResponse<String> moved = client.send(request(server, "/old/page?q=1").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(301, moved.statusCode());
            assertEquals(Optional.of("/new?q=1"), moved.headers().firstValue("location"));

            assertEquals(200, client.send(request(server, "/limited").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> refused = client.send(request(server, "/limited").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(429, refused.statusCode());
            assertEquals(Optional.of("1000"), refused.headers().firstValue("retry-after"));
        }
    }
}
