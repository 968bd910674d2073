package org.pagi.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.ExecutionMode;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.wrappers.response.Response;

/** The same blocking handler on a real server in EVENT_LOOP mode: refused on the loop, fine under Blocking.app. */
@Timeout(30)
class BlockingOnEventLoopTest {

    private static final BlockingApplication HANDLER =
            (scope, receive, send) -> Response.text("ok").blocking().respond(scope, send);

    @Test
    void aBlockingCallOnTheLoopFailsAtOnceAndBlockingAppServesTheSameHandler() throws Exception {
        List<Throwable> seenByApp = new CopyOnWriteArrayList<>();
        Application direct = (scope, receive, send) -> {
            try {
                HANDLER.call(scope, receive, send);
                return CompletableFuture.completedFuture(null);
            } catch (Exception e) {
                seenByApp.add(e);
                return CompletableFuture.failedFuture(e);
            }
        };
        Application viaBlocking = Blocking.app(HANDLER);
        Application app = (scope, receive, send) -> scope instanceof HttpScope http
                ? (http.request().path().equals("/blocking") ? viaBlocking : direct).call(scope, receive, send)
                : CompletableFuture.failedFuture(new UnsupportedScopeException(scope));   // no lifespan

        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .executionMode(ExecutionMode.EVENT_LOOP).loops(1).shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(app, config);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> refused = get(client, server.port(), "/direct");
            assertEquals(500, refused.statusCode());
            assertEquals(1, seenByApp.size());
            Throwable e = seenByApp.get(0);
            assertTrue(e instanceof IllegalStateException, String.valueOf(e));
            assertTrue(e.getMessage().startsWith("blocking call not allowed on an I/O event loop thread"),
                    e.getMessage());

            HttpResponse<String> served = get(client, server.port(), "/blocking");
            assertEquals(200, served.statusCode());
            assertEquals("ok", served.body());

            assertEquals(500, get(client, server.port(), "/direct").statusCode(), "the server keeps serving");
            assertEquals(200, get(client, server.port(), "/blocking").statusCode());
            assertEquals(2, seenByApp.size());
        }
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
