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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.SseScope;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.server.EventLoopThreads;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.http.SetCookie;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.sse.SseMode.Step;

/** Every sending method of Sse and BlockingSse, through the test client, in both handler modes. */
@Timeout(20)
class SseTest {

    static Step start() {
        return Step.of(Sse::start, BlockingSse::start);
    }

    static Step send(String data) {
        return Step.of(s -> s.send(data), b -> b.send(data));
    }

    static Step send(ServerEvent event) {
        return Step.of(s -> s.send(event), b -> b.send(event));
    }

    static Step close() {
        return Step.of(Sse::close, BlockingSse::close);
    }

    static Step trySend(String data, List<Boolean> results) {
        return Step.of(s -> s.trySend(data).thenAccept(results::add), b -> results.add(b.trySend(data)));
    }

    private static SseStream open(SseMode mode, List<Object> failures, Step... steps) {
        return TestClient.of(mode.serve(failures, steps)).sse("/events").open();
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void startSendsStatusAndHeadersAndASecondStartFails(SseMode mode) {
        List<Object> failures = SseMode.failures();
        Headers extra = Headers.of("x-stream", "prices");
        try (SseStream stream = open(mode, failures,
                Step.of(s -> s.start(201, extra), b -> b.start(201, extra)), start().failing(), send("hi"))) {
            assertEquals(201, stream.status());
            assertEquals(Optional.of("prices"), stream.headers().first("x-stream"));
            assertEquals(SseMessage.of("hi"), stream.next());
            stream.awaitEnd();
        }
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, failures.get(0));
        assertEquals("the SSE stream was already started", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void theFirstSendStartsTheStreamWith200(SseMode mode) {
        try (SseStream stream = open(mode, SseMode.failures(), send("auto"))) {
            assertFalse(stream.declined());
            assertEquals(200, stream.status());
            assertEquals(SseMessage.of("auto"), stream.next());
        }
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void eventsCarryNameIdRetryJsonAndMultiLineData(SseMode mode) {
        ServerEvent tick = ServerEvent.named("tick", "1").withId("7").withRetry(3000);
        Map<String, Object> json = Map.of("price", 42);
        try (SseStream stream = open(mode, SseMode.failures(), send(tick),
                Step.of(s -> s.sendJson(json), b -> b.sendJson(json)),
                send("two\r\nlines\rand\nmore"), send(""))) {
            assertEquals(SseMessage.of("tick", "1").withId("7").withRetry(3000), stream.next());
            assertEquals(SseMessage.of("{\"price\":42}"), stream.next());
            assertEquals(SseMessage.of("two\nlines\nand\nmore"), stream.next());
            assertEquals(SseMessage.of(""), stream.next());
            assertEquals(Optional.of("7"), stream.lastEventId());
            stream.awaitEnd();
        }
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void anEventOrIdWithALineBreakOrNulIsRefusedAndNothingIsSent(SseMode mode) {
        List<Object> failures = SseMode.failures();
        try (SseStream stream = open(mode, failures, start(),
                Step.of(s -> s.send(ServerEvent.named("a\nb", "x")), b -> b.send(ServerEvent.named("a\nb", "x")))
                        .failing(),
                Step.of(s -> s.trySend(ServerEvent.of("x").withId("1\0")),
                        b -> b.trySend(ServerEvent.of("x").withId("1\0"))).failing(),
                Step.of(s -> s.comment("two\nlines"), b -> b.comment("two\nlines")).failing(),
                send("after"))) {
            assertEquals(SseMessage.of("after"), stream.next(), "nothing was sent for the refused calls");
            assertEquals(List.of(), stream.comments());
        }
        assertEquals(3, failures.size(), failures::toString);
        assertTrue(message(failures.get(0)).startsWith("event contains LF at index 1"), message(failures.get(0)));
        assertTrue(message(failures.get(1)).startsWith("id contains NUL at index 1"), message(failures.get(1)));
        assertTrue(message(failures.get(2)).contains("line break"), message(failures.get(2)));
    }

    private static String message(Object failure) {
        return assertInstanceOf(IllegalArgumentException.class, failure).getMessage();
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void commentsAndKeepaliveReachTheClient(SseMode mode) {
        try (SseStream stream = open(mode, SseMode.failures(),
                Step.of(s -> s.comment("hello"), b -> b.comment("hello")),
                Step.of(s -> s.keepalive(Duration.ofSeconds(15)), b -> b.keepalive(Duration.ofSeconds(15))),
                Step.of(s -> s.keepalive(Duration.ofSeconds(5), "hb"), b -> b.keepalive(Duration.ofSeconds(5), "hb")),
                send("x"))) {
            assertEquals(SseMessage.of("x"), stream.next());
            assertEquals(List.of("hello"), stream.comments());
            assertEquals(Optional.of(new SseKeepalive(Duration.ofSeconds(5), "hb")), stream.keepalive());
        }
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void closeEndsTheStreamIsIdempotentAndLaterSendsFail(SseMode mode) {
        List<Object> failures = SseMode.failures();
        List<Boolean> tried = new CopyOnWriteArrayList<>();
        AtomicReference<Sse> seen = new AtomicReference<>();
        Step[] steps = {send("a"), close(), close(), send("b").failing(), trySend("c", tried)};
        try (SseStream stream = TestClient.of(mode.serve(failures, seen::set, steps)).sse("/").open()) {
            assertEquals(SseMessage.of("a"), stream.next());
            stream.awaitEnd();
        }
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, failures.get(0));
        assertEquals("cannot send sse.send: the SSE stream was already closed", e.getMessage());
        assertEquals(List.of(false), tried);
        assertFalse(seen.get().isConnected());
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void closeBeforeStartSendsAnEmptyStream(SseMode mode) {
        try (SseStream stream = open(mode, SseMode.failures(), close())) {
            assertEquals(200, stream.status());
            stream.awaitEnd();
        }
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void declineAnswersWithAnOrdinaryResponseAndStreamingAfterwardsFails(SseMode mode) {
        List<Object> failures = SseMode.failures();
        Response notFound = Response.text("no such feed").withStatus(404).withCookie(SetCookie.of("seen", "1"));
        try (SseStream stream = open(mode, failures,
                Step.of(s -> s.decline(notFound), b -> b.decline(notFound)), send("x").failing(), close())) {
            assertTrue(stream.declined());
            assertEquals(404, stream.status());
            assertEquals("no such feed", stream.body().utf8());
            assertEquals(Optional.of("12"), stream.headers().first("content-length"));
            assertEquals(Optional.of("text/plain; charset=utf-8"), stream.headers().first("content-type"));
            assertEquals(Optional.of("seen=1; Path=/; HttpOnly; SameSite=Lax"), stream.headers().first("set-cookie"));
        }
        assertEquals("cannot send sse.send: the SSE stream was already declined",
                assertInstanceOf(IllegalStateException.class, failures.get(0)).getMessage());
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void declineAfterStartFailsAndTheStreamGoesOn(SseMode mode) {
        List<Object> failures = SseMode.failures();
        Response gone = Response.empty();
        try (SseStream stream = open(mode, failures, start(),
                Step.of(s -> s.decline(gone), b -> b.decline(gone)).failing(), send("still here"))) {
            assertEquals(SseMessage.of("still here"), stream.next());
        }
        assertEquals("cannot decline: the SSE stream was already started",
                assertInstanceOf(IllegalStateException.class, failures.get(0)).getMessage());
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void aDisconnectIsNoticedWhileIdleAndLaterSendsFail(SseMode mode) {
        List<Object> failures = SseMode.failures();
        List<DisconnectReason> callbacks = new CopyOnWriteArrayList<>();
        List<DisconnectReason> lateCallbacks = new CopyOnWriteArrayList<>();
        List<DisconnectReason> awaited = new CopyOnWriteArrayList<>();
        List<Boolean> tried = new CopyOnWriteArrayList<>();
        AtomicReference<Sse> seen = new AtomicReference<>();
        Step waitForDisconnect = Step.of(s -> s.disconnected().thenAccept(awaited::add),
                b -> awaited.add(b.disconnected()));
        Step lateCallback = Step.of(s -> {
            s.onDisconnect(lateCallbacks::add);
            return CompletableFuture.completedFuture(null);
        }, b -> b.onDisconnect(lateCallbacks::add));
        Step connected = Step.of(s -> CompletableFuture.completedFuture(tried.add(s.isConnected())),
                b -> tried.add(b.isConnected()));
        var app = mode.serve(failures, sse -> {
            seen.set(sse);
            sse.onDisconnect(callbacks::add);
        }, send("hello"), waitForDisconnect, send("late").failing(), trySend("late", tried), lateCallback, connected,
                Step.of(s -> s.sendJson(1), b -> b.sendJson(1)).failing(),
                Step.of(s -> s.trySendJson(1).thenAccept(tried::add), b -> tried.add(b.trySendJson(1))));
        SseStream stream = TestClient.of(app).sse("/idle").open();
        assertEquals(SseMessage.of("hello"), stream.next());
        assertTrue(seen.get().isConnected());
        stream.disconnect(); // the handler only waits; the Sse's reader notices, and the handler returns
        assertEquals(List.of(DisconnectReason.CLIENT_CLOSED), awaited);
        assertEquals(List.of(DisconnectReason.CLIENT_CLOSED), callbacks, "exactly once");
        assertEquals(List.of(DisconnectReason.CLIENT_CLOSED), lateCallbacks, "registered late: runs at once");
        SseDisconnectedException e = assertInstanceOf(SseDisconnectedException.class, failures.get(0));
        assertEquals(DisconnectReason.CLIENT_CLOSED, e.reason());
        assertInstanceOf(SseDisconnectedException.class, failures.get(1));
        assertEquals(List.of(false, false, false), tried, "trySend reports false, isConnected is false");
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void trySendVariantsReportTrueWhileConnected(SseMode mode) {
        List<Boolean> tried = new CopyOnWriteArrayList<>();
        ServerEvent named = ServerEvent.named("n", "2");
        try (SseStream stream = open(mode, SseMode.failures(), trySend("1", tried),
                Step.of(s -> s.trySend(named).thenAccept(tried::add), b -> tried.add(b.trySend(named))),
                Step.of(s -> s.trySendJson(List.of(3)).thenAccept(tried::add),
                        b -> tried.add(b.trySendJson(List.of(3)))))) {
            assertEquals(List.of(SseMessage.of("1"), SseMessage.of("n", "2"), SseMessage.of("[3]")), stream.take(3));
        }
        assertEquals(List.of(true, true, true), tried);
    }

    @Test
    void theBlockingViewRefusesAnEventLoopThreadHavingSentNothing() {
        List<Throwable> refused = new CopyOnWriteArrayList<>();
        Application app = (scope, receive, send) -> {
            Sse sse = Sse.of((SseScope) scope, receive, send);
            Thread loop = Thread.ofPlatform().name("test-loop").start(() -> {
                EventLoopThreads.markCurrent();
                try {
                    sse.blocking().send("from the loop");
                } catch (IllegalStateException e) {
                    refused.add(e);
                }
            });
            try {
                loop.join();
            } catch (InterruptedException e) {
                return CompletableFuture.failedFuture(e);
            }
            return sse.send("after");
        };
        try (SseStream stream = TestClient.of(app).sse("/").open()) {
            assertEquals(SseMessage.of("after"), stream.next(), "the refused call sent nothing, not even sse.start");
        }
        assertEquals(1, refused.size());
        assertTrue(refused.get(0).getMessage().startsWith("blocking call not allowed on an I/O event loop thread"),
                refused.get(0).getMessage());
    }
}
