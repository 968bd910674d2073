package org.pagi.examples.endpointrouterdemo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.wrappers.apps.File;
import org.pagi.wrappers.endpoint.EndpointRouter;
import org.pagi.wrappers.endpoint.Routes;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.sse.ServerEvent;
import org.pagi.wrappers.sse.Sse;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * Upstream's {@code MyApp::Main}: the home page (rendered with the state's {@link Config}), {@link Api} at
 * {@code /api}, a JSON WebSocket echo and an SSE metrics stream, each a handler method of this class, and the
 * {@code public/} folder for any other path. Thread-safe.
 */
final class Main extends EndpointRouter {
    /** The WebSocket close code for a text message that is not JSON (RFC 6455 7.4.1, invalid payload). */
    static final int NOT_JSON = 1007;
    /** What a browser waits before reconnecting the metrics stream, sent with its first event (upstream's). */
    static final long RETRY_MILLIS = 3000;
    static final Duration WS_PING = Duration.ofSeconds(25);
    static final Duration SSE_KEEPALIVE = Duration.ofSeconds(15);

    private static final System.Logger LOG = System.getLogger(Main.class.getName());
    static final String ROOT = Main.class.getPackageName().replace('.', '/') + "/public";

    private final Duration metricsInterval;
    private final String homeTemplate = resource("home.html");

    Main(Duration metricsInterval) {
        this.metricsInterval = metricsInterval;
    }

    @Override
    protected void routes(Routes r) {
        r.get("/", this::home)
                .mount("/api", new Api())
                .websocket("/ws/echo", this::wsEcho)
                .sse("/events/metrics", this::sseMetrics)
                .mount("/", File.classpathBuilder(ROOT, Main.class.getClassLoader()).build());
    }

    private CompletionStage<Response> home(Request req) {
        Metrics.of(req.state()).requests.incrementAndGet();
        Config config = Config.of(req.state());
        return CompletableFuture.completedFuture(Response.html(homeTemplate
                .replace("{{app_name}}", escapeHtml(config.appName()))
                .replace("{{version}}", escapeHtml(config.version()))));
    }

    private CompletionStage<?> wsEcho(WebSocket ws) {
        Metrics metrics = Metrics.of(ws.state());
        return ws.accept().thenCompose(v -> ws.keepalive(WS_PING)).thenCompose(v -> {
            metrics.requests.incrementAndGet(); // the upgrade request
            metrics.wsActive.incrementAndGet();
            ws.onClose(closed -> metrics.wsActive.decrementAndGet());
            return ws.sendJson(Map.of("type", "connected"));
        }).thenCompose(v -> ws.forEach(message -> {
            if (!(message instanceof Message.Text text)) {
                return CompletableFuture.completedFuture(null); // upstream's each_json skips binary messages
            }
            Object data;
            try {
                data = Json.decode(Bytes.utf8(text.text()), Object.class);
            } catch (RuntimeException notJson) {
                return ws.close(NOT_JSON, "message is not JSON");
            }
            metrics.wsMessages.incrementAndGet();
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("type", "echo");
            echo.put("data", data);
            return ws.sendJson(echo);
        }));
    }

    private CompletionStage<?> sseMetrics(Sse sse) {
        Metrics metrics = Metrics.of(sse.state());
        long seq = metrics.sseSeq.get();
        String id = Long.toString(seq);
        ServerEvent first = sse.lastEventId().map(lastId -> {
            long missed = seq - parseOrZero(lastId);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("last_seen_id", lastId);
            data.put("current_id", seq);
            data.put("missed", missed);
            data.put("message", "Welcome back! You missed " + missed + " updates.");
            return ServerEvent.named("reconnected", Json.encode(data).utf8());
        }).orElseGet(() -> ServerEvent.named("connected",
                "{\"status\":\"ok\",\"message\":\"Fresh connection\"}"));
        sse.onDisconnect(reason -> {
            if (!reason.equals(DisconnectReason.CLIENT_CLOSED)) { // only the unexpected ones, as upstream
                LOG.log(System.Logger.Level.INFO, () -> "SSE client disconnected: " + reason.token());
            }
        });
        return sse.send(first.withId(id).withRetry(RETRY_MILLIS))
                .thenCompose(v -> sse.keepalive(SSE_KEEPALIVE))
                .thenCompose(v -> sse.every(metricsInterval, () -> {
                    long next = metrics.sseSeq.incrementAndGet();
                    return sse.send(ServerEvent.named("metrics", Json.encode(metrics.snapshot()).utf8())
                            .withId(Long.toString(next)));
                }).done());
    }

    private static long parseOrZero(String id) {
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException notANumber) {
            return 0; // an id this server never sent: everything so far was missed
        }
    }

    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = Main.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing beside " + Main.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
