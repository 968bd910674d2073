package org.pagi.examples.flowcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleSessionChecks;
import org.pagi.examples.support.ExampleSseStream;
import org.pagi.testing.SseMessage;

/** What a client of the flow-control example that keeps up sees, over any transport. */
abstract class FlowControlChecks extends ExampleSessionChecks {

    @Test
    void aClientThatKeepsUpGetsEveryReadingInOrder() {
        QueuedReadings readings = new QueuedReadings();
        App app = new App(() -> readings);
        ExampleSseStream stream = serve(app).sse(ExampleRequest.get("/"));
        assertEquals(200, stream.status());
        for (int n = 1; n <= 5; n++) {
            readings.push(n);
            SseMessage message = stream.next();
            assertEquals("reading", message.event());
            assertEquals(QueuedReadings.text(n), message.data());
            awaitCondition(() -> app.inFlight() == 0, "the server took reading " + n);
        }
        assertEquals(5, app.sent());
        assertEquals(0, app.skipped());
        readings.end();
    }

    @Test
    void endsTheStreamWhenTheSourceEnds() {
        QueuedReadings readings = new QueuedReadings();
        ExampleSseStream stream = serve(new App(() -> readings)).sse(ExampleRequest.get("/"));
        readings.push(1);
        assertEquals(QueuedReadings.text(1), stream.next().data());
        readings.end();
        stream.awaitEnd();
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after ten seconds. */
    static void awaitCondition(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached in 10 s: " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
