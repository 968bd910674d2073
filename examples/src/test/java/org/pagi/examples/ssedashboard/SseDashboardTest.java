package org.pagi.examples.ssedashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.examples.support.Recorder;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.apps.InMemoryChannel;

/** The sse-dashboard through the in-process test client, plus what only an in-process test can see. */
class SseDashboardTest extends SseDashboardChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void startsAsksForAKeepaliveEvery25SecondsThenGreets() {
        Recorder recorder = new Recorder(dashboard().build());
        try (SseStream stream = TestClient.of(recorder).sse("/events").open()) {
            assertEquals("connected", stream.next().event());
        }
        assertEquals(new SseStart(200, Headers.empty()), recorder.sent().get(0));
        assertEquals(new SseKeepalive(Duration.ofSeconds(25), ""), recorder.sent().get(1));
        SseSend hello = assertInstanceOf(SseSend.class, recorder.sent().get(2));
        assertEquals("connected", hello.event().orElseThrow());
    }

    @Test
    void theDefaultsAreUpstreams() {
        assertEquals(Duration.ofSeconds(2), App.DEFAULT_INTERVAL);
        assertEquals(Duration.ofSeconds(25), App.KEEPALIVE);
        assertEquals(100, App.DEFAULT_HISTORY);
        App app = new App(); // as the launcher makes it: the page and a stream, no retry sent
        assertEquals(200, TestClient.of(app).get("/").send().status());
        try (SseStream stream = TestClient.of(app).sse("/events").open()) {
            assertTrue(stream.next().retry().isEmpty());
        }
    }

    @Test
    void keepsTheLastHundredReadingsByDefault() {
        App app = App.builder().interval(NEVER).build();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ids.add(app.publishMetrics());
        }
        try (SseStream stream = TestClient.of(app).sse("/events").header("last-event-id", ids.get(0)).open()) {
            stream.next(); // connected
            stream.next(); // reconnected
            assertEquals(ids.get(50), stream.next().id().orElseThrow(), "#1 is gone: every kept reading, from #51");
        }
    }

    @Test
    void madeUpReadingsStayInUpstreamsRanges() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            Metrics m = Metrics.random(random);
            assertTrue(m.cpu() >= 20 && m.cpu() < 80, "cpu " + m.cpu());
            assertTrue(m.memory() >= 40 && m.memory() < 80, "memory " + m.memory());
            assertTrue(m.requests() >= 0 && m.requests() < 1000, "requests " + m.requests());
        }
    }

    @Test
    void theBuilderRefusesBadOptionsByName() {
        List<Runnable> bad = List.of(
                () -> App.builder().interval(Duration.ZERO),
                () -> App.builder().interval(Duration.ofSeconds(-1)),
                () -> App.builder().history(0),
                () -> App.builder().reconnectDelay(Duration.ofMillis(-1)),
                () -> App.builder().instance("two words"),
                () -> App.builder().instance(""));
        List<String> named = List.of("interval", "interval", "history", "reconnectDelay", "instance", "instance");
        for (int i = 0; i < bad.size(); i++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad.get(i)::run);
            assertTrue(e.getMessage().startsWith(named.get(i) + " "), e.getMessage());
        }
        NullPointerException missing = assertThrows(NullPointerException.class, () -> App.builder().readings(null));
        assertEquals("readings", missing.getMessage());
    }

    @Test
    void closesAChannelItOpenedAtShutdownButNotOneItWasGiven() {
        App own = dashboard().build();
        InMemoryChannel given = InMemoryChannel.create();
        App sharing = dashboard().channel(given).build();
        InProcessClient.start(own).close(); // lifespan startup, then shutdown
        InProcessClient.start(sharing).close();
        CompletionException closed = assertThrows(CompletionException.class, own::publishMetrics);
        assertTrue(closed.getCause().getMessage().contains("closed"), closed.getMessage());
        assertFalse(sharing.publishMetrics().isEmpty(), "the channel it was given is the caller's, still open");
    }
}
