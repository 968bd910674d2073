package org.pagi.jmh.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.protocol.sse.SseDecoder;
import org.pagi.protocol.sse.SseFrame;
import org.pagi.protocol.sse.SseItem;
import org.pagi.server.ExecutionMode;
import org.pagi.server.PagiServer;

/** {@link BenchApp} answers as the load programs expect, over a real socket, in both execution modes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BenchAppTest {
    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A new client each time: the server closes after every stream, and a pooled connection would be stale. */
    private static HttpResponse<byte[]> get(int port, String target, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
                .header("Accept", accept).timeout(Duration.ofSeconds(5)).build();
        try (HttpClient client = client()) {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private static List<SseFrame> events(byte[] body) throws Exception {
        SseDecoder decoder = new SseDecoder();
        decoder.feed(body);
        decoder.end();
        List<SseFrame> frames = new ArrayList<>();
        for (SseItem item : decoder.drain()) {
            if (item instanceof SseFrame f) {
                frames.add(f);
            }
        }
        return frames;
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void streamsTheEventsAskedForThenEndsTheStream(ExecutionMode mode) throws Exception {
        try (PagiServer server = BenchServer.start("127.0.0.1", 0, mode, 1)) {
            HttpResponse<byte[]> r = get(server.port(), "/stream?n=3&size=5", "text/event-stream");
            assertEquals(200, r.statusCode());
            assertEquals("text/event-stream", r.headers().firstValue("content-type").orElseThrow());
            assertEquals(List.of(SseFrame.of("xxxxx"), SseFrame.of("xxxxx"), SseFrame.of("xxxxx")), events(r.body()));
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void streamsAThousandEventsWithoutOverflowingTheStack(ExecutionMode mode) throws Exception {
        try (PagiServer server = BenchServer.start("127.0.0.1", 0, mode, 1)) {
            HttpResponse<byte[]> r = get(server.port(), "/stream?n=20000&size=1", "text/event-stream");
            assertEquals(20_000, events(r.body()).size());
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void echoesTextAsTextAndBytesAsBytes(ExecutionMode mode) throws Exception {
        try (PagiServer server = BenchServer.start("127.0.0.1", 0, mode, 1); HttpClient client = client()) {
            LinkedBlockingQueue<Object> got = new LinkedBlockingQueue<>();
            WebSocket.Listener listener = new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();
                private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        got.add(text.toString());
                        text.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                    byte[] b = new byte[data.remaining()];
                    data.get(b);
                    bytes.writeBytes(b);
                    if (last) {
                        got.add(ByteBuffer.wrap(bytes.toByteArray()));
                        bytes.reset();
                    }
                    ws.request(1);
                    return null;
                }
            };
            WebSocket ws = client.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/any/path"), listener)
                    .get(5, TimeUnit.SECONDS);
            ws.sendText("héllo", true).get(5, TimeUnit.SECONDS);
            byte[] big = new byte[100_000];
            big[99_999] = 7;
            ws.sendBinary(ByteBuffer.wrap(big), true).get(5, TimeUnit.SECONDS);
            assertEquals("héllo", got.poll(5, TimeUnit.SECONDS));
            assertEquals(ByteBuffer.wrap(big), got.poll(5, TimeUnit.SECONDS));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void answersTheProbeAndDeclinesOtherPaths() throws Exception {
        try (PagiServer server = BenchServer.start("127.0.0.1", 0, ExecutionMode.EVENT_LOOP, 1)) {
            HttpResponse<byte[]> probe = get(server.port(), "/", "*/*");
            assertEquals(200, probe.statusCode());
            assertEquals("ok", new String(probe.body(), StandardCharsets.US_ASCII));
            assertEquals(404, get(server.port(), "/elsewhere", "*/*").statusCode());
            assertEquals(404, get(server.port(), "/events", "text/event-stream").statusCode());
            assertEquals(400, get(server.port(), "/stream?n=-1", "text/event-stream").statusCode());
            assertEquals(400, get(server.port(), "/stream?size=99999999", "text/event-stream").statusCode());
        }
    }

    @Nested
    class QueryParameters {
        @Test
        void readsANumberAmongOtherPairs() {
            assertEquals(OptionalInt.of(42), BenchApp.parameter("a=1&n=42&size=3", "n", 7, 100));
        }

        @Test
        void fallsBackWhenAbsent() {
            assertEquals(OptionalInt.of(7), BenchApp.parameter("", "n", 7, 100));
            assertEquals(OptionalInt.of(7), BenchApp.parameter("nn=3&x", "n", 7, 100));
        }

        @Test
        void rejectsWhatIsNotAWholeNumberInRange() {
            for (String bad : List.of("n=", "n=x", "n=-1", "n=101", "n=1e3", "n=9999999999")) {
                assertTrue(BenchApp.parameter(bad, "n", 7, 100).isEmpty(), bad);
            }
        }
    }
}
