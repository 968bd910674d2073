package org.pagi.wrappers.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.DisconnectReason;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.sse.BlockingSse;
import org.pagi.wrappers.sse.Sse;

/**
 * SseEndpoint and BlockingSseEndpoint: the default start, sending from onConnect, the keepalive setting, a
 * decline, and onDisconnect exactly once whether the client leaves or the stream is closed here.
 */
@Timeout(30)
class SseEndpointTest {

    /** What onConnect does, in both forms. */
    record Connect(java.util.function.Function<Sse, CompletionStage<?>> async, Consumer<BlockingSse> blocking) {
        static final Connect DEFAULT = null;
    }

    /** An endpoint running {@code connect} (the default when null) that reports its disconnect to {@code seen}. */
    static Application endpoint(Mode mode, Connect connect, Duration keepalive, Mode.Seen seen) {
        return mode.pick(() -> new SseEndpoint() {
            @Override
            protected CompletionStage<?> onConnect(Sse sse) {
                return connect == null ? super.onConnect(sse) : connect.async().apply(sse);
            }

            @Override
            protected Duration keepaliveInterval() {
                return keepalive;
            }

            @Override
            protected void onDisconnect(Sse sse, Optional<DisconnectReason> reason) {
                seen.add(reason);
            }
        }, () -> new BlockingSseEndpoint() {
            @Override
            protected void onConnect(BlockingSse sse) throws Exception {
                if (connect == null) {
                    super.onConnect(sse);
                } else {
                    connect.blocking().accept(sse);
                }
            }

            @Override
            protected Duration keepaliveInterval() {
                return keepalive;
            }

            @Override
            protected void onDisconnect(BlockingSse sse, Optional<DisconnectReason> reason) {
                seen.add(reason);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theDefaultStartsTheStreamWhichLastsUntilTheClientLeavesThenDisconnectOnce(Mode mode) throws Exception {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(endpoint(mode, Connect.DEFAULT, Duration.ZERO, seen));
        try (SseStream events = client.sse("/").open()) {
            assertFalse(events.declined());
            assertEquals(200, events.status());
            assertTrue(events.keepalive().isEmpty(), "no keepalive unless asked");
            assertThrows(org.pagi.testing.PagiTestTimeoutException.class, () -> events.next(Duration.ofMillis(100)),
                    "the stream stays open");
        }   // the client leaves; close() waits for the endpoint to return
        assertEquals(Optional.of(DisconnectReason.CLIENT_CLOSED), seen.next());
        assertTrue(seen.nothingMore(200), "onDisconnect runs once");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void onConnectMaySendAndTheKeepaliveIsAskedForAfterIt(Mode mode) throws Exception {
        Mode.Seen seen = new Mode.Seen();
        Connect hello = new Connect(sse -> sse.send("hello " + sse.queryParam("name").orElse("?")),
                sse -> sse.send("hello " + sse.sse().queryParam("name").orElse("?")));
        EndpointRouter router = new EndpointRouter() {
            @Override
            protected void routes(Routes r) {
                Application endpoint = endpoint(mode, hello, Duration.ofSeconds(15), seen);
                if (endpoint instanceof SseEndpoint async) {
                    r.endpoint("/events", async);
                } else {
                    r.endpoint("/events", (BlockingSseEndpoint) endpoint);
                }
            }
        };
        try (SseStream events = TestClient.of(router).sse("/events").query("name", "ann").open()) {
            assertEquals(SseMessage.of("hello ann"), events.next());
            assertEquals(Duration.ofSeconds(15), waitForKeepalive(events));
        }
        assertEquals(Optional.of(DisconnectReason.CLIENT_CLOSED), seen.next());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aStreamClosedHereLaterReportsAnEmptyReasonOnce(Mode mode) throws Exception {
        Mode.Seen seen = new Mode.Seen();
        // onConnect returns at once; a periodic task closes the stream afterwards, from another thread.
        Connect closeSoon = new Connect(sse -> sse.start().thenRun(() -> sse.every(Duration.ofMillis(20), sse::close)),
                sse -> {
                    sse.start();
                    sse.every(Duration.ofMillis(20), sse::close);
                });
        try (SseStream events = TestClient.of(endpoint(mode, closeSoon, Duration.ZERO, seen)).sse("/").open()) {
            events.awaitEnd();
        }
        assertEquals(Optional.empty(), seen.next());
        assertTrue(seen.nothingMore(200));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aDeclinedStreamHasNoDisconnect(Mode mode) throws Exception {
        Mode.Seen seen = new Mode.Seen();
        Connect decline = new Connect(sse -> sse.decline(Response.text("log in first").withStatus(401)),
                sse -> sse.decline(Response.text("log in first").withStatus(401)));
        try (SseStream events = TestClient.of(endpoint(mode, decline, Duration.ofSeconds(1), seen)).sse("/").open()) {
            assertTrue(events.declined());
            assertEquals(401, events.status());
            assertEquals("log in first", events.body().utf8());
        }
        assertTrue(seen.nothingMore(300), "no disconnect after a decline");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aNegativeKeepaliveIntervalFailsNamingTheSetting(Mode mode) {
        Application endpoint = endpoint(mode, Connect.DEFAULT, Duration.ofSeconds(-1), new Mode.Seen());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestClient.of(endpoint).sse("/").open());
        assertTrue(e.getMessage().startsWith("keepaliveInterval must be zero (off) or positive"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anOnConnectFailureFailsTheStream(Mode mode) {
        Connect failing = new Connect(sse -> CompletableFuture.failedFuture(new IllegalStateException("no feed")),
                sse -> {
                    throw new IllegalStateException("no feed");
                });
        Application endpoint = endpoint(mode, failing, Duration.ZERO, new Mode.Seen());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestClient.of(endpoint).sse("/").open());
        assertEquals("no feed", e.getMessage());
    }

    /** The keepalive is sent right after onConnect's event; the test reads the stream until it has it. */
    private static Duration waitForKeepalive(SseStream events) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (events.keepalive().isEmpty() && System.nanoTime() < deadline) {
            assertThrows(org.pagi.testing.PagiTestTimeoutException.class, () -> events.next(Duration.ofMillis(20)));
        }
        return events.keepalive().orElseThrow().interval();
    }
}
