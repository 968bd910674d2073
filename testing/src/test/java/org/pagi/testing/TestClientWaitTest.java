package org.pagi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;

/**
 * How the test waits for an application on its own thread: it polls briefly, then parks. An answer that comes
 * only after the test parked still arrives, and a hung application still times out after the whole timeout.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TestClientWaitTest {

    @Test
    void anAnswerThatComesAfterTheTestParkedStillArrives() throws Exception {
        CompletableFuture<Void> go = new CompletableFuture<>();
        Application app = Apps.blocking((scope, receive, send) -> {
            go.join();
            Apps.respond(send, 200, "late");
        });
        Thread test = Thread.currentThread();
        // Answers only once the test thread is parked in its timed wait, well after the polling window.
        Thread releaser = Thread.ofPlatform().start(() -> {
            while (test.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            go.complete(null);
        });
        try {
            TestResponse response = TestClient.of(app).get("/").send();
            assertEquals(200, response.status());
            assertEquals("late", response.text());
        } finally {
            go.complete(null);
            releaser.join();
        }
    }

    @Test
    void aHungApplicationTimesOutAfterTheWholeTimeout() {
        Duration timeout = Duration.ofMillis(200);
        Application hung = (scope, receive, send) -> new CompletableFuture<>();
        TestClient client = TestClient.builder(hung).timeout(timeout).build();
        long start = System.nanoTime();
        PagiTestTimeoutException e = assertThrows(PagiTestTimeoutException.class, () -> client.get("/").send());
        long waited = System.nanoTime() - start;
        assertTrue(e.getMessage().contains("http.response.start"), e.getMessage());
        assertTrue(waited >= timeout.toNanos(), "gave up after " + waited + " ns, before the timeout");
    }
}
