package org.pagi.wrappers.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.routing.Router;
import org.pagi.wrappers.sse.SseMode.Step;

/** Scope accessors, stash, and every(...) with its three ways to stop, in both handler modes. */
@Timeout(20)
class SseScopeAndPeriodicTest {

    private static final Duration TICK = Duration.ofMillis(5);

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void scopeAccessorsReadTheRequest(SseMode mode) {
        Map<String, Object> seen = new ConcurrentHashMap<>();
        Step record = Step.of(s -> {
            record(s, seen);
            return s.start();
        }, b -> {
            record(b.sse(), seen);
            b.start();
        });
        Application feed = mode.serve(SseMode.failures(), record, SseTest.send("ok"));
        TestClient client = TestClient.of(Router.builder().sse("/feeds/{room}", feed).build());
        client.state().put("db", "pool");
        try (SseStream stream = client.sse("/feeds/lob%20by").query("since", "5").cookie("sid", "abc")
                .lastEventId("42").header("x-trace", "t1").open()) {
            assertEquals(SseMessage.of("ok"), stream.next());
        }
        assertEquals("GET", seen.get("method"));
        assertEquals("/feeds/lob by", seen.get("path"));
        assertEquals("/feeds/lob%20by", seen.get("rawPath"));
        assertEquals("", seen.get("rootPath"));
        assertEquals("http", seen.get("scheme"));
        assertEquals("lob by", seen.get("room"));
        assertEquals(Map.of("room", "lob by"), seen.get("pathParams"));
        assertEquals(Optional.of("5"), seen.get("since"));
        assertEquals(Optional.of("abc"), seen.get("sid"));
        assertEquals(Optional.of("42"), seen.get("lastEventId"));
        assertEquals(Optional.of("t1"), seen.get("trace"));
        assertEquals(Optional.of("pool"), seen.get("db"));
        assertEquals("kept", seen.get("stash"));
        assertEquals(true, seen.get("client"));
        assertEquals(true, seen.get("scope"));
    }

    private static void record(Sse s, Map<String, Object> seen) {
        seen.put("method", s.method());
        seen.put("path", s.path());
        seen.put("rawPath", s.rawPath().latin1());
        seen.put("rootPath", s.rootPath());
        seen.put("scheme", s.scheme());
        seen.put("room", s.pathParam("room"));
        seen.put("pathParams", s.pathParams());
        seen.put("since", s.queryParam("since"));
        seen.put("sid", s.cookies().get("sid"));
        seen.put("lastEventId", s.lastEventId());
        seen.put("trace", s.header("x-trace"));
        seen.put("db", s.state().get("db"));
        s.stash().put("k", "kept");
        seen.put("stash", s.stash().get("k"));
        seen.put("client", s.client().isPresent() && s.server().isPresent() && s.headers().contains("accept"));
        seen.put("scope", s.scope().path().equals(s.path()) && s.query().get("since").isPresent());
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void lastEventIdIsEmptyForAFreshClient(SseMode mode) {
        AtomicReference<Sse> seen = new AtomicReference<>();
        try (SseStream stream = TestClient.of(mode.serve(SseMode.failures(), seen::set, SseTest.start()))
                .sse("/").open()) {
            assertEquals(Optional.empty(), seen.get().lastEventId());
        }
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void everySendsUntilTheClientLeavesThenStopsByItself(SseMode mode) throws Exception {
        AtomicReference<Periodic> periodic = new AtomicReference<>();
        Step every = Step.of(s -> {
            periodic.set(s.every(TICK, () -> s.send("tick")));
            return CompletableFuture.completedFuture(null);
        }, b -> periodic.set(b.every(TICK, () -> b.send("tick"))));
        Step waitForDisconnect = Step.of(Sse::disconnected, BlockingSse::disconnected);
        SseStream stream = TestClient.of(mode.serve(SseMode.failures(), every, waitForDisconnect)).sse("/").open();
        assertEquals(List.of(SseMessage.of("tick"), SseMessage.of("tick"), SseMessage.of("tick")), stream.take(3));
        stream.disconnect();
        periodic.get().done().toCompletableFuture().get(5, TimeUnit.SECONDS); // completes normally
        assertFalse(periodic.get().isRunning());
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void aFailingTaskStopsAndItsFailureIsReported(SseMode mode) {
        List<Object> failures = SseMode.failures();
        AtomicReference<Periodic> periodic = new AtomicReference<>();
        AtomicInteger runs = new AtomicInteger();
        Step every = Step.of(s -> {
            periodic.set(s.every(TICK, () -> {
                if (runs.incrementAndGet() == 2) {
                    throw new IllegalStateException("feed source broke");
                }
                return s.send("tick");
            }));
            return CompletableFuture.completedFuture(null);
        }, b -> periodic.set(b.every(TICK, () -> {
            if (runs.incrementAndGet() == 2) {
                throw new IllegalStateException("feed source broke");
            }
            b.send("tick");
        })));
        Step awaitDone = Step.of(s -> periodic.get().done(), b -> Blocking.await(periodic.get().done()));
        try (SseStream stream = open(mode, failures, every, awaitDone.failing(), SseTest.send("after"))) {
            assertEquals(SseMessage.of("tick"), stream.next());
            assertEquals(SseMessage.of("after"), stream.next(), "the handler goes on; the task ran no more");
        }
        assertEquals("feed source broke",
                assertInstanceOf(IllegalStateException.class, failures.get(0)).getMessage());
        assertEquals(2, runs.get());
        assertFalse(periodic.get().isRunning());
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void closeAndStopEndTheTask(SseMode mode) throws Exception {
        AtomicReference<Periodic> onClose = new AtomicReference<>();
        AtomicReference<Periodic> stopped = new AtomicReference<>();
        AtomicInteger runs = new AtomicInteger();
        Step every = Step.of(s -> {
            onClose.set(s.every(TICK, () -> CompletableFuture.completedFuture(runs.incrementAndGet())));
            stopped.set(s.every(Duration.ofHours(1), () -> CompletableFuture.completedFuture(null)));
            return CompletableFuture.completedFuture(null);
        }, b -> {
            onClose.set(b.every(TICK, runs::incrementAndGet));
            stopped.set(b.every(Duration.ofHours(1), () -> { }));
        });
        Step stop = Step.of(s -> {
            stopped.get().stop();
            return stopped.get().done();
        }, b -> {
            stopped.get().stop();
            Blocking.await(stopped.get().done());
        });
        try (SseStream stream = open(mode, SseMode.failures(), every, stop, SseTest.close())) {
            stream.awaitEnd();
        }
        onClose.get().done().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertFalse(onClose.get().isRunning());
        assertTrue(stopped.get().done().toCompletableFuture().isDone());
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void aNonPositiveIntervalIsRefused(SseMode mode) throws Exception {
        List<Object> failures = SseMode.failures();
        Step zero = Step.of(s -> s.every(Duration.ZERO, () -> CompletableFuture.completedFuture(null)).done(),
                b -> b.every(Duration.ZERO, () -> { }));
        try (SseStream stream = open(mode, failures, zero.failing(), SseTest.send("x"))) {
            assertEquals(SseMessage.of("x"), stream.next());
        }
        assertEquals("every: interval must be positive, got PT0S",
                assertInstanceOf(IllegalArgumentException.class, failures.get(0)).getMessage());
    }

    private static SseStream open(SseMode mode, List<Object> failures, Step... steps) {
        return TestClient.of(mode.serve(failures, steps)).sse("/").open();
    }

}
