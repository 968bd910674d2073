package org.pagi.examples.ssedashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.CallWatcher;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.examples.support.ExampleSessionChecks;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.ExampleSseStream;
import org.pagi.spec.Bytes;
import org.pagi.testing.SseMessage;
import org.pagi.wrappers.apps.InMemoryChannel;
import org.pagi.wrappers.json.Json;

/**
 * What a client of the sse-dashboard example sees, over any transport. The timer is set far beyond any test, so
 * readings come only when a check publishes one ({@link App#publishMetrics()}), and their figures follow from
 * their number ({@link #reading(int)}).
 */
abstract class SseDashboardChecks extends ExampleSessionChecks {
    /** An interval no test reaches: the checks publish readings themselves. */
    static final Duration NEVER = Duration.ofHours(1);
    /** The {@code retry} the checks' dashboard sends. */
    static final Duration RECONNECT = Duration.ofMillis(500);
    /** How long an application may take to return once its stream ended: far more than it needs. */
    static final Duration PROMPTLY = Duration.ofSeconds(10);

    /** The n-th reading of a checks' dashboard: every figure differs from the one before. */
    static Metrics reading(int n) {
        return new Metrics(20 + n, 40 + n, 100 + n, 1_800_000_000L + n);
    }

    /** The instance name of the checks' dashboard. */
    static final String INSTANCE = "a";

    /**
     * The {@code metrics} event carrying reading {@code n} of instance {@code instance}, sent with the channel's
     * id {@code id}, as an {@code EventSource} sees it.
     */
    static SseMessage metrics(String instance, int n, String id) {
        Metrics m = reading(n);
        return SseMessage.of("metrics", "{\"cpu\":" + m.cpu() + ",\"memory\":" + m.memory() + ",\"requests\":"
                + m.requests() + ",\"timestamp\":" + m.timestamp() + ",\"instance\":\"" + instance
                + "\",\"reading\":" + n + "}").withId(id);
    }

    /** {@link #metrics(String, int, String)} of the checks' instance. */
    static SseMessage metrics(int n, String id) {
        return metrics(INSTANCE, n, id);
    }

    /** A dashboard whose readings are {@link #reading(int)} 1, 2, 3, ... and that only a check publishes. */
    static App.Builder dashboard() {
        AtomicInteger taken = new AtomicInteger();
        return App.builder().interval(NEVER).reconnectDelay(RECONNECT).instance(INSTANCE)
                .readings(() -> reading(taken.incrementAndGet()));
    }

    static ExampleRequest events() {
        return ExampleRequest.get("/events");
    }

    static ExampleRequest resumingAfter(String lastId) {
        return events().withHeader("last-event-id", lastId);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(SseMessage message) {
        return Json.decode(Bytes.utf8(message.data()), Map.class);
    }

    /** Checks the greeting and returns its subscriber id. */
    static int connected(ExampleSseStream stream) {
        SseMessage hello = stream.next();
        assertEquals("connected", hello.event());
        assertEquals(OptionalLong.of(RECONNECT.toMillis()), hello.retry());
        assertTrue(hello.id().isEmpty(), "the greeting has no id, so it never moves the client's last id");
        Map<String, Object> data = json(hello);
        assertEquals(List.of("subscriber_id", "server_time"), List.copyOf(data.keySet()));
        return ((Number) data.get("subscriber_id")).intValue();
    }

    private static ExampleClient http(ExampleSessionClient client) {
        return (ExampleClient) client; // both transports of these checks serve requests as well as streams
    }

    @Test
    void servesThePageWithNothingFromElsewhere() {
        ExampleResponse page = http(serve(dashboard().build())).send(ExampleRequest.get("/"));
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.header("content-type").orElseThrow());
        String html = page.text();
        assertTrue(html.contains("<title>PAGI SSE Dashboard</title>"), html);
        assertTrue(html.contains("new EventSource('/events')"), html);
        // no CDN, no external asset: nothing to fetch but the stream
        for (String reference : List.of("src=", "href=", "http:", "https:", "@import", "url(")) {
            assertFalse(html.contains(reference), "the page refers to something elsewhere: " + reference);
        }
    }

    @Test
    void servesTheSamePageAsIndexHtmlAndNothingElse() {
        ExampleClient client = http(serve(dashboard().build()));
        assertEquals(client.send(ExampleRequest.get("/")).text(), client.send(ExampleRequest.get("/index.html")).text());
        assertEquals(404, client.send(ExampleRequest.get("/app.js")).status());
    }

    @Test
    void greetsEachStreamWithItsSubscriberNumberAndTheReconnectionDelay() {
        ExampleSessionClient client = serve(dashboard().build());
        try (ExampleSseStream first = client.sse(events()); ExampleSseStream second = client.sse(events())) {
            assertEquals(200, first.status());
            assertEquals(1, connected(first));
            assertEquals(2, connected(second));
        }
    }

    @Test
    void sendsEveryReadingToEveryStreamWithTheChannelsIdAndItsNumber() {
        App app = dashboard().build();
        ExampleSessionClient client = serve(app);
        try (ExampleSseStream first = client.sse(events()); ExampleSseStream second = client.sse(events())) {
            connected(first);
            connected(second);
            String one = app.publishMetrics();
            String two = app.publishMetrics();
            assertNotEquals(one, two);
            assertEquals(List.of(metrics(1, one), metrics(2, two)), List.of(first.next(), first.next()));
            assertEquals(List.of(metrics(1, one), metrics(2, two)), List.of(second.next(), second.next()));
            assertEquals(2, app.readingsTaken());
        }
    }

    @Test
    void aFirstConnectionGetsNoOldReadings() {
        App app = dashboard().build();
        ExampleSessionClient client = serve(app);
        app.publishMetrics();
        app.publishMetrics();
        try (ExampleSseStream stream = client.sse(events())) {
            connected(stream);
            String third = app.publishMetrics();
            assertEquals(metrics(3, third), stream.next());
        }
    }

    @Test
    void resumesAfterLastEventIdWithReconnectedThenEveryMissedReadingThenLiveOnes() {
        App app = dashboard().build();
        ExampleSessionClient client = serve(app);
        String seen;
        try (ExampleSseStream stream = client.sse(events())) {
            connected(stream);
            seen = app.publishMetrics();
            assertEquals(metrics(1, seen), stream.next());
        }
        String second = app.publishMetrics(); // while the client is away
        String third = app.publishMetrics();
        try (ExampleSseStream stream = client.sse(resumingAfter(seen))) {
            assertEquals(2, connected(stream));
            SseMessage reconnected = stream.next();
            assertEquals("reconnected", reconnected.event());
            assertEquals(Map.of("last_id", seen), json(reconnected));
            assertEquals(List.of(metrics(2, second), metrics(3, third)), List.of(stream.next(), stream.next()));
            String fourth = app.publishMetrics();
            assertEquals(metrics(4, fourth), stream.next());
        }
    }

    @Test
    void anIdNoLongerKeptGetsEveryReadingStillKept() {
        // A gap could not be told from a quiet spell; a repeat carries its id, so the client can tell.
        App app = dashboard().history(2).build();
        ExampleSessionClient client = serve(app);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(app.publishMetrics());
        }
        try (ExampleSseStream stream = client.sse(resumingAfter(ids.get(0)))) {
            connected(stream);
            assertEquals("reconnected", stream.next().event());
            assertEquals(List.of(metrics(3, ids.get(2)), metrics(4, ids.get(3))), List.of(stream.next(), stream.next()));
        }
    }

    @Test
    void droppingEndsEveryOpenStreamAndTheApplicationReturns() {
        App app = dashboard().build();
        CallWatcher watcher = new CallWatcher(app);
        ExampleSessionClient client = serve(watcher);
        try (ExampleSseStream first = client.sse(events()); ExampleSseStream second = client.sse(events())) {
            connected(first);
            connected(second);
            assertEquals(2, app.openStreams());
            assertEquals(2, app.dropStreams());
            first.awaitEnd();
            second.awaitEnd();
            watcher.awaitReturn("sse", PROMPTLY);
            assertEquals(0, app.openStreams());
            assertFalse(app.isTicking(), "no stream is open, so no reading is taken");
        }
    }

    @Test
    void takesReadingsOnlyWhileAStreamIsOpen() {
        App app = dashboard().build();
        CallWatcher watcher = new CallWatcher(app);
        ExampleSessionClient client = serve(watcher);
        assertFalse(app.isTicking());
        try (ExampleSseStream stream = client.sse(events())) {
            connected(stream);
            assertTrue(app.isTicking());
        }
        watcher.awaitReturn("sse", PROMPTLY);
        assertFalse(app.isTicking(), "the last stream left, so the readings stop");
    }

    @Test
    void sendsAReadingEveryIntervalWithConsecutiveNumbers() {
        AtomicInteger taken = new AtomicInteger();
        App app = App.builder().interval(Duration.ofMillis(20)).instance("timed")
                .readings(() -> reading(taken.incrementAndGet())).build();
        try (ExampleSseStream stream = serve(app).sse(events())) {
            SseMessage hello = stream.next();
            assertEquals("connected", hello.event());
            assertTrue(hello.retry().isEmpty(), "without a reconnection delay the browser keeps its own");
            int first = ((Number) json(stream.next()).get("reading")).intValue();
            for (int n = first + 1; n < first + 4; n++) {
                SseMessage next = stream.next();
                assertEquals(metrics("timed", n, next.id().orElseThrow()), next);
            }
        }
    }

    @Test
    void aChannelThatCannotBeSubscribedToDeclinesTheStreamWith503() {
        InMemoryChannel channel = InMemoryChannel.create();
        channel.close(); // as a store that is away
        ExampleSessionClient client = serve(dashboard().channel(channel).build());
        try (ExampleSseStream stream = client.sse(events())) {
            assertEquals(503, stream.status(), "the EventSource tries again later");
        }
        assertEquals(200, http(client).send(ExampleRequest.get("/")).status(), "the page is still served");
    }
}
