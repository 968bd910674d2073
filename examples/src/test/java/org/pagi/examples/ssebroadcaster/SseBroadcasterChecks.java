package org.pagi.examples.ssebroadcaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.CallWatcher;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleSessionChecks;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.ExampleSseStream;
import org.pagi.spec.Bytes;
import org.pagi.testing.SseMessage;

/** What a client of example 05 sees, over any transport. */
abstract class SseBroadcasterChecks extends ExampleSessionChecks {
    /** The events as an {@code EventSource} dispatches them: no id, no retry. */
    static final List<SseMessage> EVENTS =
            List.of(SseMessage.of("tick", "1"), SseMessage.of("tick", "2"), SseMessage.of("done", "finished"));

    /** Short pauses keep the checks fast; the default second is for watching with {@code curl -N}. */
    static final Duration SHORT = Duration.ofMillis(5);
    /** A pause far longer than any test: the application must notice the client leave, not sleep on. */
    static final Duration FOREVER = Duration.ofMinutes(5);
    /**
     * How long the client's leaving and the application's return may take together: far more than they need,
     * and less than the in-process client's five-second timeout, after which it would interrupt the application.
     */
    static final Duration PROMPTLY = Duration.ofSeconds(3);

    ExampleSessionClient client(Duration pause) {
        return serve(new App(pause));
    }

    static List<SseMessage> readAll(ExampleSseStream stream) {
        List<SseMessage> events = List.of(stream.next(), stream.next(), stream.next());
        stream.awaitEnd();
        return events;
    }

    @Test
    void startsTheStreamWith200AndTheEventStreamContentType() {
        try (ExampleSseStream stream = client(SHORT).sse(ExampleRequest.get("/"))) {
            assertEquals(200, stream.status());
            assertEquals("text/event-stream", stream.headers().first("content-type").orElseThrow());
        }
    }

    @Test
    void sendsTwoTicksThenDoneAndEndsTheStream() {
        try (ExampleSseStream stream = client(SHORT).sse(ExampleRequest.get("/"))) {
            assertEquals(EVENTS, readAll(stream));
        }
    }

    @Test
    void startsTheStreamBeforeTheFirstPause() {
        // With a five-minute pause, the stream could only have started before it.
        try (ExampleSseStream stream = client(FOREVER).sse(ExampleRequest.get("/"))) {
            assertEquals(200, stream.status());
        }
    }

    @Test
    void pausesBeforeEveryEventTheFirstIncluded() {
        Duration pause = Duration.ofMillis(100);
        ExampleSessionClient slow = client(pause);
        long started = System.nanoTime();
        try (ExampleSseStream stream = slow.sse(ExampleRequest.get("/"))) {
            readAll(stream);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(pause.multipliedBy(3)) >= 0, "three pauses of " + pause + " took " + took);
    }

    @Test
    void ignoresLastEventIdAndStartsFromTheFirstTick() {
        // The events carry no id, so a reconnecting EventSource sends none; a client that sends one anyway
        // gets the whole stream again.
        ExampleRequest reconnect = ExampleRequest.get("/").withHeader("last-event-id", "2");
        try (ExampleSseStream stream = client(SHORT).sse(reconnect)) {
            assertEquals(EVENTS, readAll(stream));
        }
    }

    @Test
    void streamsTheSameEventsForAnyPathAndMethodAndIgnoresTheBody() {
        ExampleRequest post = ExampleRequest.post("/events?room=1", Bytes.empty())
                .withBodyChunks(List.of(Bytes.utf8("{\"subscribe\":"), Bytes.utf8("\"news\"}")));
        try (ExampleSseStream stream = client(SHORT).sse(post)) {
            assertEquals(EVENTS, readAll(stream));
        }
    }

    @Test
    void givesEachStreamItsOwnSequence() {
        // Nothing is broadcast: a client that arrives later still starts at the first tick.
        ExampleSessionClient client = client(SHORT);
        try (ExampleSseStream early = client.sse(ExampleRequest.get("/"))) {
            assertEquals(EVENTS.get(0), early.next());
            try (ExampleSseStream late = client.sse(ExampleRequest.get("/"))) {
                assertEquals(EVENTS.get(0), late.next());
                assertEquals(EVENTS.get(1), early.next());
                assertEquals(EVENTS.get(1), late.next());
            }
            assertEquals(EVENTS.get(2), early.next());
        }
    }

    @Test
    void stopsAtOnceWhenTheClientLeavesDuringThePauseBeforeTheFirstEvent() {
        CallWatcher app = new CallWatcher(new App(FOREVER));
        try (ExampleSseStream stream = serve(app).sse(ExampleRequest.get("/"))) {
            assertTimeout(PROMPTLY, () -> {
                stream.close();
                app.awaitReturn("sse", PROMPTLY);
            }, "the application slept on after the client left");
        }
    }

    @Test
    void stopsWhenTheClientLeavesBetweenEvents() {
        CallWatcher app = new CallWatcher(new App(Duration.ofMillis(200)));
        try (ExampleSseStream stream = serve(app).sse(ExampleRequest.get("/"))) {
            assertEquals(EVENTS.get(0), stream.next());
            stream.close();
            app.awaitReturn("sse", PROMPTLY);
        }
    }
}
