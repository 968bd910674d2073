package org.pagi.wrappers.apps;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;

/** The pubsub stream on the real server: live events on the wire, a reconnect with Last-Event-ID resumes. */
@Timeout(60)
class SsePubsubOverSocketTest {

    @Test
    void aClientThatReconnectsWithLastEventIdResumesWithoutGapOrRepeat() throws Exception {
        BlockingQueue<String> closes = new LinkedBlockingQueue<>();
        SsePubsub app = SsePubsub.builder().history(10).retry(1000).onClose(sse -> closes.add(sse.path())).build();
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(app, config);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/events");
            String lastId;
            try (BufferedReader lines = open(client, HttpRequest.newBuilder(uri))) {
                String first = app.publish("tick", "1").toCompletableFuture().join().id();
                lastId = app.publish("tick", "2").toCompletableFuture().join().id();
                assertEquals(List.of("event: tick", "data: 1", "id: " + first, "retry: 1000"), block(lines));
                assertEquals(List.of("event: tick", "data: 2", "id: " + lastId, "retry: 1000"), block(lines));
            }
            assertEquals("/events", closes.poll(10, TimeUnit.SECONDS), "the server noticed the client leave");
            String missed = app.publish("tick", "3").toCompletableFuture().join().id();
            try (BufferedReader lines = open(client, HttpRequest.newBuilder(uri).header("last-event-id", lastId))) {
                assertEquals(List.of("event: tick", "data: 3", "id: " + missed, "retry: 1000"), block(lines),
                        "the replay: only what came after the last id");
                String live = app.publish("tick", "4").toCompletableFuture().join().id();
                assertEquals(List.of("event: tick", "data: 4", "id: " + live, "retry: 1000"), block(lines));
            }
            assertEquals("/events", closes.poll(10, TimeUnit.SECONDS));
            assertEquals(0, app.clientCount());
        }
    }

    private static BufferedReader open(HttpClient client, HttpRequest.Builder request) throws Exception {
        HttpResponse<InputStream> response = client.send(request.header("accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
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
