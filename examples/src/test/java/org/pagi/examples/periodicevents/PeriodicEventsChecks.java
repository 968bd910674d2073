package org.pagi.examples.periodicevents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.Await;
import org.pagi.examples.support.ExampleChecks;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;

/**
 * What a client of the periodic-events example sees, over any transport. The sources are set to an hour, so
 * the checks publish ticks themselves through the hub and nothing waits on a clock.
 */
abstract class PeriodicEventsChecks extends ExampleChecks {
    static final Duration NEVER = Duration.ofHours(1);

    @Test
    void reportsTheCountsAtOnce() {
        App app = new App(NEVER, NEVER);
        ExampleClient client = serve(app);
        app.hub().publish();
        app.hub().publish();
        app.hub().beat();
        ExampleResponse response = client.send(ExampleRequest.get("/"));
        assertEquals(200, response.status());
        assertEquals("application/json", response.header("content-type").orElseThrow());
        assertEquals("{\"count\":2,\"beats\":1,\"hint\":\"GET /next to wait for the next tick\"}", response.text());
    }

    @Test
    void nextWaitsForTheNextTickWhileOthersAreServed() throws Exception {
        App app = new App(NEVER, NEVER);
        ExampleClient client = serve(app);
        app.hub().publish();
        CompletableFuture<ExampleResponse> waiting = CompletableFuture.supplyAsync(
                () -> client.send(ExampleRequest.get("/next")), task -> Thread.ofVirtual().start(task));
        Await.until(() -> app.hub().waiting() == 1, "/next waiting for a tick");
        assertEquals(200, client.send(ExampleRequest.get("/")).status(), "served while /next waits");
        app.hub().publish();
        assertEquals("{\"tick\":2}", waiting.get(10, TimeUnit.SECONDS).text());
    }
}
