package org.pagi.examples.flowcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.examples.support.Await;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.examples.support.RawResponse;
import org.pagi.protocol.http1.ResponseReader;
import org.pagi.protocol.sse.SseDecoder;
import org.pagi.protocol.sse.SseFrame;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;

/**
 * The flow-control example on a live server in both execution modes, read by the JDK's client; and a real slow
 * client, a socket that stops reading, which must get fresh readings with the stale ones skipped rather than a
 * backlog. Nothing here waits on a clock: the test hands over each reading and waits for the application's
 * decision on it.
 */
@Timeout(60)
class FlowControlLiveServerTest extends FlowControlChecks {
    /** More readings than any kernel buffers on the loopback hold (about 40 MB). */
    private static final int MAX_READINGS = 20_000;

    @Override
    protected ExampleSessionClient start(Application app) {
        return LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
    }

    @Test
    void aClientThatFallsBehindGetsFreshReadingsWithTheStaleOnesSkipped() throws Exception {
        QueuedReadings readings = new QueuedReadings();
        App app = new App(() -> readings);
        try (LiveServerClient client = LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
                Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", client.server().port()), 5_000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: text/event-stream\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));

            // the client reads nothing: readings go out until the buffers fill, then they are skipped
            int pushed = 0;
            while (app.skipped() == 0) {
                assertTrue(pushed < MAX_READINGS, "no reading skipped after " + pushed + " with a client not reading");
                pushed = pushAndAwaitDecision(readings, app, pushed + 1);
            }
            long sentWhileStuck = app.sent();

            // the client reads again: it catches up, and the next reading after the skips is sent
            CompletableFuture<ResponseReader.Response> response = CompletableFuture.supplyAsync(() -> RawResponse.read(socket),
                    task -> Thread.ofVirtual().start(task));
            while (app.sent() == sentWhileStuck) {
                assertTrue(pushed < 2 * MAX_READINGS, "nothing sent after " + pushed + " with a client reading");
                pushed = pushAndAwaitDecision(readings, app, pushed + 1);
            }
            int lastPushed = pushed;
            readings.end();

            List<Integer> received = numbers(response.get(30, TimeUnit.SECONDS));
            assertEquals(app.sent(), received.size(), "every reading sent arrived");
            assertEquals(lastPushed, received.getLast(), "the freshest reading arrived last");
            for (int i = 1; i < received.size(); i++) {
                assertTrue(received.get(i) > received.get(i - 1), "in order: " + received.subList(i - 1, i + 1));
            }
            assertEquals(lastPushed - received.size(), app.skipped(), "what did not arrive was skipped");
            assertTrue(app.skipped() > 0);
        }
    }

    /** Hands over reading {@code n} and waits until the application has sent or skipped it. */
    private static int pushAndAwaitDecision(QueuedReadings readings, App app, int n) {
        readings.push(n);
        Await.until(() -> app.sent() + app.skipped() == n, "a decision on reading " + n);
        return n;
    }

    private static List<Integer> numbers(ResponseReader.Response response) throws Exception {
        assertEquals(200, response.status());
        SseDecoder decoder = new SseDecoder();
        for (Bytes piece : response.pieces()) {
            decoder.feed(piece.toByteArray());
        }
        decoder.end();
        List<Integer> numbers = new ArrayList<>();
        decoder.drain().forEach(item -> {
            if (item instanceof SseFrame frame) {
                assertEquals("reading", frame.event());
                numbers.add(QueuedReadings.number(frame.data()));
            }
        });
        return numbers;
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends FlowControlChecks {
        @Override
        protected ExampleSessionClient start(Application app) {
            return LiveServerClient.start(app, ExecutionMode.EVENT_LOOP);
        }
    }
}
