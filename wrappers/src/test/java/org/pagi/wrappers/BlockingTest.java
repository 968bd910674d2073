package org.pagi.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.server.EventLoopThreads;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.response.Response;

@Timeout(20)
class BlockingTest {

    @Test
    void awaitReturnsTheValueOnceTheStageCompletes() {
        CompletableFuture<String> later = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> later.complete("done"));
        assertEquals("done", Blocking.await(later));
    }

    @Test
    void awaitReturnsAnAlreadyCompletedValueAndStillRefusesAnEventLoopFirst() throws Exception {
        assertEquals("now", Blocking.await(CompletableFuture.completedFuture("now")));
        assertEquals("now", Blocking.await(CompletableFuture.completedStage("now")));
        CompletableFuture<Throwable> onLoop = new CompletableFuture<>();
        Thread loop = Thread.ofPlatform().name("test-loop").start(() -> {
            EventLoopThreads.markCurrent();
            try {
                Blocking.await(CompletableFuture.completedFuture("now"));
                onLoop.complete(null);
            } catch (Throwable t) {
                onLoop.complete(t);
            }
        });
        assertInstanceOfIse(onLoop.get(5, TimeUnit.SECONDS));
        loop.join();
    }

    @Test
    void awaitRethrowsAnUncheckedFailureAsIs() {
        IllegalArgumentException failure = new IllegalArgumentException("bad");
        CompletionStage<Object> failed = CompletableFuture.supplyAsync(() -> {
            throw failure;
        });
        assertSame(failure, assertThrows(IllegalArgumentException.class, () -> Blocking.await(failed)));
        assertSame(failure, assertThrows(IllegalArgumentException.class,
                () -> Blocking.await(CompletableFuture.failedFuture(failure))));
    }

    @Test
    void awaitWrapsACheckedFailureKeepingItAsCause() {
        IOException io = new IOException("disk");
        Blocking.CheckedFailureException e = assertThrows(Blocking.CheckedFailureException.class,
                () -> Blocking.await(CompletableFuture.failedFuture(io)));
        assertSame(io, e.getCause());
        assertTrue(e.getMessage().contains("disk"), e.getMessage());
    }

    @Test
    void awaitOnAnEventLoopThreadFailsAtOnceNamingTheAlternative() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread loop = Thread.ofPlatform().name("test-loop").start(() -> {
            EventLoopThreads.markCurrent();
            try {
                Blocking.await(new CompletableFuture<>());   // never completes: must not wait
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        Throwable t = outcome.get(5, TimeUnit.SECONDS);
        loop.join();
        IllegalStateException e = assertInstanceOfIse(t);
        assertTrue(e.getMessage().startsWith("blocking call not allowed on an I/O event loop thread (test-loop)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Blocking.app"), e.getMessage());
    }

    private static IllegalStateException assertInstanceOfIse(Throwable t) {
        assertTrue(t instanceof IllegalStateException, String.valueOf(t));
        return (IllegalStateException) t;
    }

    @Test
    void appRunsEachCallOnAVirtualThreadAndCompletesWhenItReturns() {
        CompletableFuture<Boolean> virtual = new CompletableFuture<>();
        Application app = Blocking.app((scope, receive, send) -> {
            virtual.complete(Thread.currentThread().isVirtual());
            Response.text("from a virtual thread").blocking().respond(scope, send);
        });
        assertEquals("from a virtual thread", TestClient.of(app).get("/").send().text());
        assertTrue(virtual.join());
    }

    @Test
    void appFailsItsStageWithWhatTheHandlerThrew() throws Exception {
        IOException io = new IOException("no database");
        CompletionStage<Void> stage = Blocking.app((scope, receive, send) -> {
            throw io;
        }).call(null, null, null);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertSame(io, e.getCause());
    }
}
