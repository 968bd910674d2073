package org.pagi.wrappers.lifespan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanShutdownFailed;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.LifespanStartupFailed;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.LifespanShutdownFailedException;
import org.pagi.testing.LifespanStartupFailedException;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.response.Response;

/** Lifespan hooks, order, state, failures and composition, through the test client in both handler modes. */
@Timeout(20)
class LifespanTest {

    private static final StateKey<AtomicLong> VISITS = StateKey.of("test.visits", AtomicLong.class);

    @ParameterizedTest
    @EnumSource(HookMode.class)
    void startupHooksRunInOrderAndShutdownHooksInReverse(HookMode mode) {
        List<String> log = new CopyOnWriteArrayList<>();
        Lifespan app = Lifespan.wrap(mode.text(scope -> "ok"));
        app = mode.startup(app, "a", s -> log.add("start a"));
        app = mode.shutdown(app, "a", s -> log.add("stop a"));
        app = mode.startup(app, "b", s -> log.add("start b"));
        app = mode.shutdown(app, "b", s -> log.add("stop b"));
        LifespanSession session = TestClient.of(app).lifespan();
        session.startup();
        assertEquals(List.of("start a", "start b"), log);
        session.shutdown();
        assertEquals(List.of("start a", "start b", "stop b", "stop a"), log);
    }

    @ParameterizedTest
    @EnumSource(HookMode.class)
    void stateStoredByAStartupHookReachesEveryLaterRequest(HookMode mode) throws Exception {
        Lifespan app = mode.startup(Lifespan.wrap(mode.text(scope -> "visit " + VISITS.get(scope).incrementAndGet())),
                "visits", s -> VISITS.put(s.state(), new AtomicLong()));
        TestClient client = TestClient.of(app);
        client.withLifespan(() -> {
            assertEquals("visit 1", client.get("/").send().text());
            assertEquals("visit 2", client.get("/").send().text());
        });
    }

    @ParameterizedTest
    @EnumSource(HookMode.class)
    void aFailingStartupHookStopsTheStartupAndCleansUpOnlyWhatStarted(HookMode mode) {
        List<String> log = new CopyOnWriteArrayList<>();
        List<String> appCalls = new CopyOnWriteArrayList<>();
        Lifespan app = Lifespan.wrap((scope, receive, send) -> {
            appCalls.add(scope.type());
            return CompletableFuture.completedFuture(null);
        });
        app = mode.startup(app, "pool", s -> log.add("start pool"));
        app = mode.shutdown(app, "pool", s -> log.add("stop pool"));
        app = mode.startup(app, "db", s -> {
            throw new IllegalStateException("database unreachable");
        });
        app = mode.shutdown(app, "db", s -> log.add("stop db"));
        app = mode.startup(app, "cache", s -> log.add("start cache"));

        Lifespan wrapped = app;
        LifespanStartupFailedException failed = assertThrows(LifespanStartupFailedException.class,
                () -> TestClient.of(wrapped).lifespan().startup());
        assertEquals("startup hook 'db' failed: database unreachable", failed.reason());
        assertEquals(List.of("start pool", "stop pool"), log, "later hooks skipped; only pool's shutdown ran");
        assertEquals(List.of(), appCalls, "the wrapped application never started");
    }

    @ParameterizedTest
    @EnumSource(HookMode.class)
    void everyShutdownHookRunsAndEveryFailureIsReported(HookMode mode) {
        List<String> log = new CopyOnWriteArrayList<>();
        Lifespan app = Lifespan.wrap(mode.text(scope -> "ok"));
        app = mode.shutdown(app, "first", s -> {
            log.add("first");
            throw new IllegalStateException("pool did not close");
        });
        app = mode.shutdown(app, "second", s -> log.add("second"));
        app = mode.shutdown(app, "third", s -> {
            log.add("third");
            throw new java.io.IOException("flush failed");
        });
        LifespanSession session = TestClient.of(app).lifespan();
        session.startup();
        LifespanShutdownFailedException failed = assertThrows(LifespanShutdownFailedException.class,
                session::shutdown);
        assertEquals(List.of("third", "second", "first"), log);
        assertEquals("shutdown hook 'third' failed: flush failed; shutdown hook 'first' failed: pool did not close",
                failed.reason());
    }

    @ParameterizedTest
    @EnumSource(HookMode.class)
    void aHookThatOverrunsTheTimeoutFailsWithItsName(HookMode mode) throws Exception {
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Lifespan app = Lifespan.wrap(mode.text(scope -> "ok")).hookTimeout(java.time.Duration.ofMillis(200));
        app = mode == HookMode.ASYNC
                ? app.onStartup("slow", s -> new CompletableFuture<Void>()) // never completes
                : app.onStartupBlocking("slow", s -> {
                    try {
                        new java.util.concurrent.CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.complete(true);
                        throw e;
                    }
                });
        Lifespan wrapped = app;
        LifespanStartupFailedException failed = assertThrows(LifespanStartupFailedException.class,
                () -> TestClient.of(wrapped).lifespan().startup());
        assertEquals("startup hook 'slow' timed out after 200 ms", failed.reason());
        if (mode == HookMode.BLOCKING) {
            assertTrue(interrupted.get(10, java.util.concurrent.TimeUnit.SECONDS), "the hook's thread is interrupted");
        }
    }

    @ParameterizedTest
    @EnumSource(HookMode.class)
    void nestedLifespansRunAsAnOnionAroundAnAppThatAnswersLifespanItself(HookMode mode) {
        List<String> log = new CopyOnWriteArrayList<>();
        Lifespan inner = Lifespan.wrap(participating(log, null, null));
        inner = mode.startup(inner, "inner", s -> log.add("inner start"));
        inner = mode.shutdown(inner, "inner", s -> log.add("inner stop"));
        Lifespan outer = Lifespan.wrap(inner);
        outer = mode.startup(outer, "outer", s -> log.add("outer start"));
        outer = mode.shutdown(outer, "outer", s -> log.add("outer stop"));

        LifespanSession session = TestClient.of(outer).lifespan();
        session.startup();
        assertTrue(session.supported());
        session.shutdown();
        assertEquals(List.of("outer start", "inner start", "app start", "app stop", "inner stop", "outer stop"), log);
    }

    @ParameterizedTest
    @EnumSource(HookMode.class)
    void anAppThatDeclinesLifespanStillGetsTheHooksAndItsRequests(HookMode mode) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        Lifespan app = Lifespan.wrap(mode.text(scope -> "count " + VISITS.get(scope).incrementAndGet()));
        app = mode.startup(app, "visits", s -> VISITS.put(s.state(), new AtomicLong(41)));
        app = mode.shutdown(app, "visits", s -> log.add("stopped at " + VISITS.get(s).get()));
        TestClient client = TestClient.of(app);
        LifespanSession session = client.lifespan();
        session.startup();
        assertTrue(session.supported(), "the Lifespan answers for the declining application");
        assertEquals("count 42", client.get("/").send().text());
        session.shutdown();
        assertEquals(List.of("stopped at 42"), log);
    }

    @ParameterizedTest
    @EnumSource(HookMode.class)
    void aStartupFailureAnsweredByTheAppRunsEveryShutdownHook(HookMode mode) {
        List<String> log = new CopyOnWriteArrayList<>();
        Lifespan app = Lifespan.wrap(participating(log, "no config file", null));
        app = mode.startup(app, "a", s -> log.add("start a"));
        app = mode.shutdown(app, "a", s -> log.add("stop a"));
        LifespanStartupFailedException failed = assertThrows(LifespanStartupFailedException.class,
                TestClient.of(app).lifespan()::startup);
        assertEquals("no config file", failed.reason());
        assertEquals(List.of("start a", "app start", "stop a"), log);
    }

    @ParameterizedTest
    @EnumSource(HookMode.class)
    void aShutdownFailureOfTheAppIsListedWithTheHookFailures(HookMode mode) {
        List<String> log = new CopyOnWriteArrayList<>();
        Lifespan app = Lifespan.wrap(participating(log, null, "queue not drained"));
        app = mode.shutdown(app, "a", s -> {
            throw new IllegalStateException("a broke");
        });
        LifespanSession session = TestClient.of(app).lifespan();
        session.startup();
        LifespanShutdownFailedException failed = assertThrows(LifespanShutdownFailedException.class,
                session::shutdown);
        assertEquals("queue not drained; shutdown hook 'a' failed: a broke", failed.reason());
    }

    @Test
    void anAppThatFailsAfterStartupIsReportedAtShutdown() {
        CompletableFuture<Void> crash = new CompletableFuture<>();
        Application crashing = (scope, receive, send) -> receive.receive()
                .thenCompose(e -> send.send(new LifespanStartupComplete()))
                .thenCompose(v -> crash);
        LifespanSession session = TestClient.of(Lifespan.wrap(crashing)).lifespan();
        session.startup();
        crash.completeExceptionally(new IllegalStateException("worker died"));
        LifespanShutdownFailedException failed = assertThrows(LifespanShutdownFailedException.class,
                session::shutdown);
        assertEquals("the application failed: worker died", failed.reason());
    }

    @Test
    void anAppSendingOutOfOrderGetsTheOrderErrorOnItsSend() {
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        Application confused = (scope, receive, send) -> receive.receive()
                .thenCompose(e -> send.send(new LifespanShutdownComplete()))
                .handle((v, e) -> seen.complete(e))
                .thenCompose(v -> send.send(new LifespanStartupComplete()))
                .thenCompose(v -> receive.receive())
                .thenCompose(e -> send.send(new LifespanShutdownComplete()));
        LifespanSession session = TestClient.of(Lifespan.wrap(confused)).lifespan();
        session.startup();
        Throwable e = seen.join();
        assertTrue(e.getCause() instanceof org.pagi.spec.order.IllegalEventOrderException, String.valueOf(e));
        assertTrue(e.getCause().getMessage().contains("got lifespan.shutdown.complete"), e.getMessage());
        session.shutdown(); // the lifespan carries on once the application answers in order
    }

    @Test
    void otherScopesPassThroughUnchanged() {
        CompletableFuture<HttpScope> seen = new CompletableFuture<>();
        Application inner = (scope, receive, send) -> {
            seen.complete((HttpScope) scope);
            return Response.text("inner").respond(scope, send);
        };
        TestClient client = TestClient.of(Lifespan.wrap(inner).onStartup("never", s -> {
            throw new AssertionError("no lifespan here");
        }));
        assertEquals("inner", client.get("/x?y=1").send().text());
        assertEquals("/x", seen.join().path());
    }

    @Test
    void settingsAreCheckedWithMessagesNamingThem() {
        Lifespan app = Lifespan.wrap((scope, receive, send) -> CompletableFuture.completedFuture(null));
        assertEquals(Lifespan.DEFAULT_HOOK_TIMEOUT, app.hookTimeout());
        assertEquals(java.time.Duration.ofSeconds(30), Lifespan.DEFAULT_HOOK_TIMEOUT);
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> app.hookTimeout(java.time.Duration.ZERO));
        assertTrue(zero.getMessage().startsWith("hookTimeout must be positive"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> app.onStartup(" ", s -> null));
        assertThrows(NullPointerException.class, () -> app.onShutdownBlocking("x", null));
        Lifespan longer = app.hookTimeout(java.time.Duration.ofMinutes(2));
        assertEquals(java.time.Duration.ofMinutes(2), longer.hookTimeout());
        assertEquals(Lifespan.DEFAULT_HOOK_TIMEOUT, app.hookTimeout(), "immutable: the original is unchanged");
    }

    @Test
    void aHookReturningNullFailsWithAMessage() {
        Lifespan app = Lifespan.wrap((scope, receive, send) -> CompletableFuture.completedFuture(null))
                .onStartup("lazy", s -> null);
        LifespanStartupFailedException failed = assertThrows(LifespanStartupFailedException.class,
                TestClient.of(app).lifespan()::startup);
        assertEquals("startup hook 'lazy' failed: the hook returned null instead of a CompletionStage",
                failed.reason());
    }

    /** An application that answers lifespan itself; a non-null message makes it answer with a failure. */
    private static Application participating(List<String> log, String startupFailure, String shutdownFailure) {
        return (scope, receive, send) -> {
            if (!(scope instanceof LifespanScope)) {
                return Response.text("app").respond(scope, send);
            }
            return receive.receive().thenCompose(startup -> {
                log.add("app start");
                if (startupFailure != null) {
                    return send.send(new LifespanStartupFailed(startupFailure));
                }
                return send.send(new LifespanStartupComplete())
                        .thenCompose(v -> receive.receive())
                        .thenCompose(shutdown -> {
                            log.add("app stop");
                            return send.send(shutdownFailure == null
                                    ? new LifespanShutdownComplete() : new LifespanShutdownFailed(shutdownFailure));
                        });
            });
        };
    }
}
