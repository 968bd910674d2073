package org.pagi.examples.periodicevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.Await;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.TestClient;

/** The periodic-events example through the in-process test client, plus the sources' lifetime. */
class PeriodicEventsTest extends PeriodicEventsChecks {

    @Override
    protected ExampleClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void theSourcesTickWhileTheApplicationRunsAndStopAtShutdown() {
        App app = new App(Duration.ofMillis(10), Duration.ofMillis(10));
        try (LifespanSession lifespan = TestClient.of(app).lifespan()) {
            lifespan.startup();
            TickHub hub = app.hub();
            CompletableFuture<Long> first = hub.nextTick();
            assertEquals(1, first.join(), "the ticker publishes on its own");
            Await.until(() -> hub.beats() > 0, "a heartbeat");
            assertTrue(app.sourcesRunning());
            lifespan.shutdown();
            assertFalse(app.sourcesRunning(), "the shutdown hook stopped the sources");
        }
    }

    @Test
    void aWaiterThatSubscribesAgainWaitsForTheFollowingTick() {
        TickHub hub = new TickHub();
        CompletableFuture<Long> again = new CompletableFuture<>();
        hub.nextTick().thenAccept(tick -> hub.nextTick().thenAccept(again::complete));
        hub.publish();
        assertEquals(false, again.isDone());
        hub.publish();
        assertEquals(2, again.join());
    }

    @Test
    void refusesAnIntervalOfZeroByName() {
        assertEquals("interval must be more than zero, got PT0S", assertThrows(IllegalArgumentException.class,
                () -> new App(Duration.ZERO, Duration.ofSeconds(1))).getMessage());
    }
}
