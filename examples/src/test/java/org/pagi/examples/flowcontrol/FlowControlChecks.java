package org.pagi.examples.flowcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pagi.examples.support.Await;
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
            Await.until(() -> app.inFlight() == 0, "the server took reading " + n);
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
}
