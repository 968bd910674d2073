package org.pagi.examples.fulldemo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.CallWatcher;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.examples.support.ExampleSessionChecks;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.ExampleSseStream;
import org.pagi.examples.support.ExampleWebSocket;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.testing.SseMessage;

/** What a client of full-demo sees on each route, over any transport, and what its lifespan logs. */
abstract class FullDemoChecks extends ExampleSessionChecks {
    static final Instant NOW = Instant.ofEpochSecond(1_704_384_000L);
    static final Timing QUICK = new Timing(Duration.ofMillis(5), Duration.ofMillis(5),
            Clock.fixed(NOW, ZoneOffset.UTC));
    static final String STREAM_REST = String.join("", App.CHUNKS);

    final List<String> log = new CopyOnWriteArrayList<>();

    /** Both clients serve plain requests as well as sessions. */
    ExampleClient http(App app) {
        return (ExampleClient) serve(app);
    }

    App quick() {
        return new App(log::add, QUICK);
    }

    @Test
    void theRootSaysHello() {
        ExampleResponse hello = http(quick()).send(ExampleRequest.get("/"));
        assertEquals(200, hello.status());
        assertEquals("text/plain", hello.header("content-type").orElseThrow());
        assertEquals("Hello, World!", hello.text());
    }

    @Test
    void echoReturnsTheBodyWithItsTypeAndItsLengthInBytes() {
        ExampleClient client = http(quick());
        ExampleResponse text = client.send(ExampleRequest.post("/echo", Bytes.utf8("Hello PAGI"))
                .withHeader("content-type", "text/plain"));
        assertEquals(200, text.status());
        assertEquals("Hello PAGI", text.text());
        assertEquals("text/plain", text.header("content-type").orElseThrow());
        assertEquals("10", text.header("x-echoed-length").orElseThrow());

        ExampleResponse json = client.send(ExampleRequest.post("/echo", Bytes.utf8("{\"message\":\"héllo\"}"))
                .withHeader("content-type", "application/json"));
        assertEquals("{\"message\":\"héllo\"}", json.text());
        assertEquals("application/json", json.header("content-type").orElseThrow());
        assertEquals("20", json.header("x-echoed-length").orElseThrow(), "bytes, not characters");

        ExampleResponse chunked = client.send(ExampleRequest.post("/echo", Bytes.empty())
                .withBodyChunks(List.of(Bytes.utf8("in "), Bytes.utf8("pieces"))));
        assertEquals("in pieces", chunked.text());
        assertEquals("application/octet-stream", chunked.header("content-type").orElseThrow(), "no type was sent");
    }

    @Test
    void streamNumbersEachRequestFromTheSharedCounter() {
        ExampleClient client = http(quick());
        for (int n = 0; n < 3; n++) {
            ExampleResponse streamed = client.send(ExampleRequest.get("/stream"));
            assertEquals(200, streamed.status());
            assertEquals("text/plain", streamed.header("content-type").orElseThrow());
            assertEquals("Stream started (request #" + n + ")\n" + STREAM_REST, streamed.text());
        }
    }

    @Test
    void theWebSocketEchoesTextWithAPrefixAndBytesAsTheyCame() {
        try (ExampleWebSocket ws = serve(quick()).websocket("/ws/echo")) {
            ws.sendText("Hello");
            assertEquals(WebSocketMessage.text("Echo: Hello"), ws.receive());
            Bytes bytes = Bytes.of(new byte[] {0, 1, (byte) 0xFF});
            ws.sendBytes(bytes);
            assertEquals(WebSocketMessage.bytes(bytes), ws.receive());
            ws.sendText("Test message");
            assertEquals(WebSocketMessage.text("Echo: Test message"), ws.receive());
        }
    }

    @Test
    void eventsSendsTenTicksThenDoneAndEnds() {
        ExampleSessionClient client = serve(quick());
        try (ExampleSseStream stream = client.sse(ExampleRequest.get("/events"))) {
            assertEquals(200, stream.status());
            for (int n = 1; n <= App.TICKS; n++) {
                assertEquals(new SseMessage("tick", "Event #" + n + " at " + NOW.getEpochSecond(),
                        Optional.of(Integer.toString(n)), OptionalLong.empty()), stream.next());
            }
            SseMessage done = stream.next();
            assertEquals(List.of("done", "Stream complete"), List.of(done.event(), done.data()));
            stream.awaitEnd();
        }
    }

    @Test
    void eventsStopsAtOnceWhenTheClientLeavesMidPause() {
        CallWatcher app = new CallWatcher(new App(log::add,
                new Timing(QUICK.chunkPause(), Duration.ofHours(1), QUICK.clock())));
        ExampleSseStream stream = serve(app).sse(ExampleRequest.get("/events"));
        assertEquals("Event #1 at " + NOW.getEpochSecond(), stream.next().data());
        stream.close();
        app.awaitReturn("sse", Duration.ofSeconds(5));
    }

    @Test
    void theLifespanLogsStartupAndAtShutdownTheStreamsServed() {
        try (ExampleSessionClient client = start(quick())) {
            assertEquals(List.of("[STARTUP] Initializing application...", "[STARTUP] Application ready!"), log);
            ((ExampleClient) client).send(ExampleRequest.get("/stream"));
            ((ExampleClient) client).send(ExampleRequest.get("/stream"));
            ((ExampleClient) client).send(ExampleRequest.get("/"));
        }
        assertEquals(List.of("[STARTUP] Initializing application...", "[STARTUP] Application ready!",
                "[SHUTDOWN] Shutting down after 0s, handled 2 requests", "[SHUTDOWN] Cleanup complete"), log);
    }
}
