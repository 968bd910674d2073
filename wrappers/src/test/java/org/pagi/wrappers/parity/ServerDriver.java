package org.pagi.wrappers.parity;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;

/**
 * The parity app on {@link PagiServer} (127.0.0.1, port 0): http and SSE through {@link RawHttp}, WebSocket
 * through the JDK client. Closing it stops the server, which runs the lifespan shutdown.
 */
final class ServerDriver implements Driver {

    private static final long WAIT_SECONDS = 10;

    private final PagiServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerDriver(Application app) throws Exception {
        this.server = PagiServer.start(app, ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build());
    }

    int port() {
        return server.port();
    }

    @Override
    public HttpResult http(HttpCall call) throws Exception {
        return RawHttp.exchange(server.port(), call);
    }

    @Override
    public List<String> websocket(String path, List<WsStep> steps) throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        java.net.http.WebSocket ws;
        try {
            ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), new Listener(events))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException denied) {
                return List.of("denied " + denied.getResponse().statusCode());
            }
            throw e;
        }
        List<String> seen = new ArrayList<>();
        try {
            for (WsStep step : steps) {
                switch (step) {
                    case WsStep.Send s -> ws.sendText(s.text(), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    case WsStep.Receive r -> seen.add(next(events));
                    case WsStep.ExpectClose c -> seen.add(next(events));
                }
            }
        } finally {
            ws.abort();
        }
        return seen;
    }

    private static String next(BlockingQueue<String> events) throws InterruptedException {
        String s = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("nothing from the WebSocket within " + WAIT_SECONDS + " s");
        }
        return s;
    }

    /** Messages as "text: ..." / "binary: N bytes", the close as "close CODE REASON". */
    private static final class Listener implements java.net.http.WebSocket.Listener {
        private final BlockingQueue<String> events;
        private final StringBuilder text = new StringBuilder();   // a text message arriving in pieces

        Listener(BlockingQueue<String> events) {
            this.events = events;
        }
        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add("text: " + text);
                text.setLength(0);
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(java.net.http.WebSocket w, ByteBuffer data, boolean last) {
            events.add("binary: " + data.remaining() + " bytes");
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket w, int code, String reason) {
            events.add("close " + code + " " + reason);
            return null;
        }
    }

    @Override
    public SseResult sse(String path, Optional<String> lastEventId) throws Exception {
        HttpCall call = HttpCall.of("GET", path).header("Accept", "text/event-stream");
        if (lastEventId.isPresent()) {
            call = call.header("Last-Event-ID", lastEventId.get());
        }
        try (RawHttp stream = RawHttp.send(server.port(), call)) {
            int status = stream.head().status();
            if (status != 200) {
                int length = Integer.parseInt(stream.head().headers().first("content-length").orElse("0"));
                return new SseResult(status, List.of(),
                        new String(stream.in().readNBytes(length), StandardCharsets.UTF_8));
            }
            List<String> events = new ArrayList<>();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            while (events.isEmpty() || !events.getLast().startsWith("done|")) {
                if (!stream.readChunk(buffer)) {
                    throw new AssertionError("the stream ended before the done event: " + events);
                }
                String text = buffer.toString(StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
                int end;
                while ((end = text.indexOf("\n\n")) >= 0) {
                    parseEvent(text.substring(0, end)).ifPresent(events::add);
                    text = text.substring(end + 2);
                }
                buffer.reset();
                buffer.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return new SseResult(status, events, "");
        }
    }

    /** One event block as "event|data|id" (data lines joined with LF); empty for a comment-only block. */
    private static Optional<String> parseEvent(String block) {
        String event = "message";
        List<String> data = new ArrayList<>();
        String id = "";
        boolean any = false;
        for (String line : block.split("\n")) {
            if (line.startsWith(":") || line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            value = value.startsWith(" ") ? value.substring(1) : value;
            switch (field) {
                case "event" -> event = value;
                case "data" -> data.add(value);
                case "id" -> id = value;
                default -> {
                    // retry and unknown fields are not compared
                }
            }
            any = true;
        }
        return any ? Optional.of(event + "|" + String.join("\n", data) + "|" + id) : Optional.empty();
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            http.shutdownNow();
            http.awaitTermination(Duration.ofSeconds(5));
        }
    }
}
