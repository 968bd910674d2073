package org.pagi.wrappers.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.PagiInfo;
import org.pagi.spec.State;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

/** Background tasks through the test client, in both handler modes and with both task forms. */
@Timeout(20)
class BackgroundTasksTest {

    @ParameterizedTest
    @EnumSource(TaskMode.class)
    void tasksRunAfterTheResponseIsCompleteWithoutHoldingIt(TaskMode mode) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicReference<BackgroundTasks> tasks = new AtomicReference<>();
        TestClient client = TestClient.of(mode.answering(scope -> {
            HttpScope http = (HttpScope) scope;
            tasks.set(BackgroundTasks.after(scope, "blocking", () -> {
                seen.add("blocking sees complete=" + http.connection().responseComplete());
                release.await();
            }));
            BackgroundTasks.afterAsync(scope, "async", () -> CompletableFuture.runAsync(() -> {
                seen.add("async sees complete=" + http.connection().responseComplete());
                await(release);
            }));
        }));
        // send() waits for the whole response and for the handler to return: the blocked tasks do not delay it.
        TestResponse response = client.get("/").send();
        assertEquals("done", response.text());
        assertFalse(tasks.get().settled().toCompletableFuture().isDone(), "the tasks are still running");
        release.countDown();
        BackgroundReport report = tasks.get().settled().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), report.failed());
        assertEquals(List.of(), report.skipped());
        assertEquals(List.of("async", "blocking"), report.succeeded().stream().sorted().toList());
        assertEquals(List.of("async sees complete=true", "blocking sees complete=true"),
                seen.stream().sorted().toList());
    }

    @ParameterizedTest
    @EnumSource(TaskMode.class)
    void aFailingTaskIsLoggedWithItsNameAndTheOthersStillRun(TaskMode mode) throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(BackgroundTasks.class.getName());
        logger.addHandler(capture);
        try {
            AtomicReference<BackgroundTasks> tasks = new AtomicReference<>();
            AtomicInteger ran = new AtomicInteger();
            TestClient client = TestClient.of(mode.answering(scope -> tasks.set(BackgroundTasks.of(scope)
                    .add("mailer", () -> {
                        throw new IllegalStateException("smtp down");
                    })
                    .addAsync("indexer", () -> CompletableFuture.failedFuture(new IllegalStateException("no index")))
                    .add("counter", ran::incrementAndGet))));
            assertEquals(200, client.get("/").send().status());
            BackgroundReport report = tasks.get().settled().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(List.of("counter"), report.succeeded());
            assertEquals(List.of("indexer", "mailer"), report.failed().stream().sorted().toList());
            assertEquals(1, ran.get());
            List<String> logged = records.stream()
                    .map(r -> r.getMessage() + " / " + r.getThrown().getMessage()).sorted().toList();
            assertEquals(List.of("background task 'indexer' failed / no index",
                    "background task 'mailer' failed / smtp down"), logged);
        } finally {
            logger.removeHandler(capture);
        }
    }

    @ParameterizedTest
    @EnumSource(TaskMode.class)
    void aRequestThatEndsWithoutACompleteResponseSkipsItsTasks(TaskMode mode) throws Exception {
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<BackgroundTasks> tasks = new CompletableFuture<>();
        AtomicReference<HttpScope> seen = new AtomicReference<>();
        TestClient client = TestClient.of(mode.abandoned(scope -> {
            seen.set((HttpScope) scope);
            tasks.complete(BackgroundTasks.after(scope, "receipt", ran::incrementAndGet));
        }));
        try (StreamingResponse stream = client.get("/").stream()) {
            assertEquals(200, stream.status());
            tasks.get(10, TimeUnit.SECONDS); // scheduled before the client leaves
            stream.disconnect();
        }
        BackgroundReport report = tasks.join().settled().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("receipt"), report.skipped());
        assertEquals(List.of(), report.succeeded());
        assertEquals(0, ran.get());
        BackgroundTasks.after(seen.get(), "late", ran::incrementAndGet);
        assertEquals(2, tasks.join().size());
        assertEquals(0, ran.get(), "a task added after the abnormal end is skipped too");
    }

    @ParameterizedTest
    @EnumSource(TaskMode.class)
    void theBoundPerRequestRefusesOneTaskTooMany(TaskMode mode) throws Exception {
        AtomicReference<Throwable> refused = new AtomicReference<>();
        AtomicReference<BackgroundTasks> tasks = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(2);
        TestClient client = TestClient.of(mode.answering(scope -> {
            BackgroundTasks t = BackgroundTasks.of(scope, 2);
            tasks.set(t);
            t.add("one", ran::countDown);
            BackgroundTasks.after(((HttpScope) scope).withAttribute("copy", true), "two", ran::countDown);
            refused.set(assertThrows(TooManyBackgroundTasksException.class, () -> t.add("three", () -> { })));
        }));
        assertEquals(200, client.get("/").send().status());
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertEquals(2, tasks.get().size());
        assertEquals(2, tasks.get().maxTasks());
        TooManyBackgroundTasksException e = (TooManyBackgroundTasksException) refused.get();
        assertEquals(2, e.maxTasks());
        assertTrue(e.getMessage().startsWith("background task 'three' refused: at most 2 background tasks per"
                + " request"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(TaskMode.class)
    void copiesOfTheScopeShareOneSetOfTasksAndTheDefaultBound(TaskMode mode) {
        AtomicReference<Boolean> same = new AtomicReference<>();
        AtomicReference<Integer> bound = new AtomicReference<>();
        TestClient client = TestClient.of(mode.answering(scope -> {
            BackgroundTasks first = BackgroundTasks.of(scope);
            same.set(first == BackgroundTasks.of(((HttpScope) scope).withAttribute("mw", 1), 3));
            bound.set(first.maxTasks());
        }));
        assertEquals(200, client.get("/").send().status());
        assertTrue(same.get());
        assertEquals(BackgroundTasks.DEFAULT_MAX_TASKS, bound.get());
        assertEquals(16, BackgroundTasks.DEFAULT_MAX_TASKS);
    }

    @Test
    void aTaskAddedAfterTheResponseCompletedStartsAtOnce() throws Exception {
        AtomicReference<HttpScope> scope = new AtomicReference<>();
        TestClient client = TestClient.of(TaskMode.ASYNC.answering(s -> scope.set((HttpScope) s)));
        assertEquals(200, client.get("/").send().status());
        assertTrue(scope.get().connection().responseComplete());
        CountDownLatch ran = new CountDownLatch(1);
        BackgroundTasks late = BackgroundTasks.after(scope.get(), "late", ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("late"), late.settled().toCompletableFuture().get(10, TimeUnit.SECONDS).succeeded());
    }

    @Test
    void onlyHttpScopesAndNamedTasksAreAccepted() {
        LifespanScope life = new LifespanScope(PagiInfo.current(), new State());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackgroundTasks.of(life));
        assertEquals("background tasks run after an http response is sent; got a lifespan scope", e.getMessage());
        AtomicReference<Throwable> blank = new AtomicReference<>();
        AtomicReference<Throwable> badBound = new AtomicReference<>();
        TestClient client = TestClient.of(TaskMode.ASYNC.answering(scope -> {
            blank.set(assertThrows(IllegalArgumentException.class, () -> BackgroundTasks.after(scope, " ", () -> { })));
            badBound.set(assertThrows(IllegalArgumentException.class, () -> BackgroundTasks.of(scope, 0)));
        }));
        assertEquals(200, client.get("/").send().status());
        assertTrue(blank.get().getMessage().startsWith("a background task name must not be blank"));
        assertEquals("maxTasks must be at least 1, got 0", badBound.get().getMessage());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
