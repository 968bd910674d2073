package org.pagi.examples.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;

/**
 * Wraps an application and keeps the end of each of its calls, so a check can ask whether the application
 * returned, and how, whatever the transport: in process and on a live server alike, the application runs in the
 * test's JVM. What a client sees cannot tell "the application stopped" from "the application is still running
 * and sending into the void"; this can.
 *
 * <p>Thread-safe: servers call applications from any thread.
 */
public final class CallWatcher implements Application {
    private final Application app;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /**
     * One call of the application.
     *
     * @param scope the scope it was called with
     * @param end   completes as the application's stage does, normally or with its failure
     */
    public record Call(Scope scope, CompletableFuture<Void> end) {
    }

    /** @param app the application to watch */
    public CallWatcher(Application app) {
        this.app = app;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        CompletableFuture<Void> end = new CompletableFuture<>();
        calls.add(new Call(scope, end));
        CompletionStage<Void> stage;
        try {
            stage = app.call(scope, receive, send);
        } catch (RuntimeException | Error e) {
            end.completeExceptionally(e);
            throw e;
        }
        return stage.whenComplete((v, failure) -> {
            if (failure == null) {
                end.complete(null);
            } else {
                end.completeExceptionally(failure);
            }
        });
    }

    /** @return the calls with scope type {@code type} ({@code "websocket"}, {@code "sse"}, ...), in starting order */
    public List<Call> calls(String type) {
        return calls.stream().filter(c -> c.scope().type().equals(type)).toList();
    }

    /**
     * Waits until every call of scope type {@code type} so far has returned normally.
     *
     * @throws AssertionError if there was no such call, if one failed, or if one is still running after
     *                        {@code within}
     */
    public void awaitReturn(String type, Duration within) {
        List<Call> watched = calls(type);
        if (watched.isEmpty()) {
            throw new AssertionError("the application was never called with a " + type + " scope");
        }
        long deadline = System.nanoTime() + within.toNanos();
        for (Call call : watched) {
            try {
                call.end().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the " + type + " call was still running " + within + " later", e);
            } catch (ExecutionException e) {
                throw new AssertionError("the " + type + " call failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the " + type + " call to return", e);
            }
        }
    }
}
