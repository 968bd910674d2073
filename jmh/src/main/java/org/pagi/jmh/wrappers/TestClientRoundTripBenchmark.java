package org.pagi.jmh.wrappers;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pagi.jmh.load.BenchApp;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketSession;

/**
 * What one exchange through the in-process {@link TestClient} costs, so that unit tests of applications cost
 * nothing next to what they test (the goal: an http round trip under 2 µs). The application is the load runs'
 * {@link BenchApp}: {@code GET /} answers {@code ok}, a WebSocket echoes every message, {@code /stream?n=1}
 * sends one event and ends the stream. None of it blocks, so what is measured is the client: scope, event
 * order checks, the hand-off between the test and the application, and the response it assembles.
 *
 * <p>Each runs with the client's default (the application on a new virtual thread per call) and with
 * {@code runInline(true)} (on the benchmark's own thread).
 *
 * <p>Each benchmark returns what the client read, and the unit test checks it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TestClientRoundTripBenchmark {

    /** Where the client calls the application: {@code virtual-thread} (the default) or {@code inline}. */
    @Param({"virtual-thread", "inline"})
    public String mode;

    private TestClient client;
    private WebSocketSession openSession;

    /** Builds the client for {@link #mode} and opens the WebSocket session {@link #websocketEcho} sends through. */
    @Setup(Level.Trial)
    public void openSession() {
        client = TestClient.builder(new BenchApp()).runInline(switch (mode) {
            case "virtual-thread" -> false;
            case "inline" -> true;
            default -> throw new IllegalArgumentException("mode must be virtual-thread or inline, got " + mode);
        }).build();
        openSession = client.websocket("/").connect();
    }

    /** Closes it; the application returns on the close, which the session waits for. */
    @TearDown(Level.Trial)
    public void closeSession() {
        openSession.close();
    }

    /** {@code client.get("/").send()}: scope, request event, response start and body, the application's return. */
    @Benchmark
    public TestResponse httpGet() {
        return client.get("/").send();
    }

    /** One text message sent and its echo read, on a session that stays open. */
    @Benchmark
    public String websocketEcho() {
        return openSession.sendText("ping").receiveText();
    }

    /** A whole WebSocket session: connect (accepted), one echo, close (the application returns). */
    @Benchmark
    public String websocketSession() {
        try (WebSocketSession session = client.websocket("/").connect()) {
            return session.sendText("ping").receiveText();
        }
    }

    /** A whole SSE stream of one event: open (started), the event, the end of the stream. */
    @Benchmark
    public SseMessage sseOneEvent() {
        try (SseStream stream = client.sse("/stream?n=1&size=5").open()) {
            SseMessage event = stream.next();
            stream.awaitEnd();
            return event;
        }
    }
}
