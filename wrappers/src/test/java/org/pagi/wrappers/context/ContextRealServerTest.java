package org.pagi.wrappers.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.SseScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;

/**
 * The README's one application, using all three contexts, on the real server (127.0.0.1, port 0) with the JDK
 * HTTP client: a GET with a task after the response, a WebSocket echoing and relaying an injected event until the
 * client closes, and an event stream relaying an injected event until the client leaves.
 */
@Timeout(60)
class ContextRealServerTest {

    @Test
    void oneApplicationServesHttpWebSocketAndSseThroughItsContexts() throws Exception {
        ContextReadmeExampleTest example = new ContextReadmeExampleTest();
        Application readme = example.asyncApp();
        Injector wsChannel = new Injector();
        Injector sseChannel = new Injector();
        Application app = (scope, receive, send) -> switch (scope) {
            case HttpScope h -> readme.call(scope, receive, send);
            case WebSocketScope w -> wsChannel.around(readme).call(scope, receive, send);
            case SseScope s -> sseChannel.around(readme).call(scope, receive, send);
            default -> CompletableFuture.failedFuture(new UnsupportedScopeException(scope)); // no lifespan here
        };
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (PagiServer server = PagiServer.start(app, config)) {
            String base = "127.0.0.1:" + server.port();

            HttpResponse<String> hello = http.send(
                    HttpRequest.newBuilder(URI.create("http://" + base + "/greet?name=ann")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("hello ann", hello.body());
            assertEquals("audit /greet", example.next());

            BlockingQueue<String> texts = new LinkedBlockingQueue<>();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://" + base + "/chat"),
                    new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                texts.add(text.toString());
                                text.setLength(0);
                            }
                            w.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText("hi", true).get(10, TimeUnit.SECONDS);
            assertEquals("echo: hi", poll(texts));
            wsChannel.inject("chat.message", Map.of("text", "yo"));
            assertEquals("{\"text\":\"yo\"}", poll(texts));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            assertEquals("websocket ended: DISCONNECT", example.next());

            HttpResponse<InputStream> events = http.send(
                    HttpRequest.newBuilder(URI.create("http://" + base + "/events"))
                            .header("accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, events.statusCode());
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                assertEquals(List.of("event: hello", "data: world"), block(lines));
                sseChannel.inject("chat.message", Map.of("text", "to all"));
                assertEquals(List.of("data: {\"text\":\"to all\"}"), block(lines));
            }
            http.shutdownNow();   // the client leaves; only the context's feed sees it while the handler waits
            assertEquals("sse ended: DISCONNECT", example.next());
        } finally {
            http.shutdownNow();
            http.awaitTermination(Duration.ofSeconds(5));
        }
    }

    private static String poll(BlockingQueue<String> q) throws InterruptedException {
        String s = q.poll(10, TimeUnit.SECONDS);
        assertTrue(s != null, "nothing within 10 s");
        return s;
    }

    /** The lines of the next event block, comments skipped, up to the blank line that ends it. */
    private static List<String> block(BufferedReader lines) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line = lines.readLine(); line != null && (!line.isEmpty() || out.isEmpty());
                line = lines.readLine()) {
            if (!line.isEmpty() && !line.startsWith(":")) {
                out.add(line);
            }
        }
        return out;
    }
}
