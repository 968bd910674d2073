package org.pagi.wrappers.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.SseScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.wrappers.Blocking;

/**
 * The SSE wrapper on the real server, read by java.net.http: a comment and the replay after Last-Event-ID, a
 * live event, then the client leaves while the handler is idle and the handler notices.
 */
@Timeout(30)
class SseRealServerTest {

    @Test
    void replaysAfterLastEventIdContinuesLiveAndNoticesTheClientLeaving() throws Exception {
        ReplayBuffer buffer = new ReplayBuffer(16);
        for (int id = 1; id <= 3; id++) {
            buffer.record(ServerEvent.named("price", "p" + id + "\nline two").withId(Integer.toString(id)));
        }
        CompletableFuture<Void> attached = new CompletableFuture<>();
        CompletableFuture<DisconnectReason> noticed = new CompletableFuture<>();
        Application feed = Blocking.app((scope, receive, send) -> {
            BlockingSse sse = Sse.of((SseScope) scope, receive, send).blocking();
            sse.start();
            sse.comment("welcome");
            buffer.attach(sse);
            attached.complete(null);
            noticed.complete(sse.disconnected()); // idle: only the Sse's reader can see the client go
        });
        Application app = (scope, receive, send) -> scope instanceof SseScope
                ? feed.call(scope, receive, send)
                : CompletableFuture.failedFuture(new UnsupportedScopeException(scope)); // no lifespan

        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (PagiServer server = PagiServer.start(app, config)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/prices"))
                    .header("accept", "text/event-stream").header("last-event-id", "1").build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                List<String> comment = block(lines);
                assertEquals(1, comment.size(), comment::toString);
                assertTrue(comment.get(0).startsWith(":") && comment.get(0).contains("welcome"), comment::toString);
                assertEquals(List.of("event: price", "data: p2", "data: line two", "id: 2"), block(lines));
                assertEquals(List.of("event: price", "data: p3", "data: line two", "id: 3"), block(lines));

                attached.get(10, TimeUnit.SECONDS);
                buffer.publish(ServerEvent.named("price", "p4").withId("4"));
                assertEquals(List.of("event: price", "data: p4", "id: 4"), block(lines));
            }
            client.shutdownNow(); // the connection goes; the handler is parked in disconnected()
            assertEquals(DisconnectReason.CLIENT_CLOSED, noticed.get(10, TimeUnit.SECONDS));
        } finally {
            client.shutdownNow(); // not close(): it can wait with no bound after shutdownNow (seen under load)
            client.awaitTermination(Duration.ofSeconds(5));
        }
        assertEquals(0, buffer.attachedCount());
    }

    /** The lines of the next block, up to the blank line that ends it. */
    private static List<String> block(BufferedReader lines) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
            out.add(line);
        }
        return out;
    }
}
