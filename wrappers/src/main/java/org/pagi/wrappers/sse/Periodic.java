package org.pagi.wrappers.sse;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A task run every interval on its own virtual thread by {@link Sse#every}. It stops by itself when the client
 * disconnects or the stream is closed, when {@link #stop()} is called, or when the task fails; {@link #done()}
 * then completes, normally or with the task's failure (which is also logged, so it is never lost).
 *
 * <p>The first run is one interval after the start; runs never overlap (the next interval starts when a run
 * ends). A failure caused by the stream ending while the task sent (for example
 * {@link SseDisconnectedException}) counts as the stream ending, not as a failure.
 */
public final class Periodic {
    private static final System.Logger LOG = System.getLogger(Periodic.class.getName());

    /** What {@link Sse#every} runs; it may block, and may send on the stream. */
    @FunctionalInterface
    public interface Task {
        /** One run. @throws Exception to stop the task and fail {@link Periodic#done()} */
        void run() throws Exception;
    }

    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private Periodic() {
    }

    static Periodic start(Duration interval, Task task, CompletableFuture<?> streamEnded) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("every: interval must be positive, got " + interval);
        }
        Periodic periodic = new Periodic();
        streamEnded.whenComplete((v, e) -> periodic.stop());
        Thread.ofVirtual().name("pagi-sse-every").start(() -> periodic.loop(interval, task));
        return periodic;
    }

    private void loop(Duration interval, Task task) {
        long nanos = interval.toNanos();
        while (true) {
            try {
                stopped.get(nanos, TimeUnit.NANOSECONDS);
                break; // stopped while waiting
            } catch (TimeoutException tick) {
                // the interval passed: run once
            } catch (InterruptedException | ExecutionException e) {
                break;
            }
            if (stopped.isDone()) {
                break;
            }
            try {
                task.run();
            } catch (Throwable failure) {
                if (stopped.isDone() || failure instanceof SseDisconnectedException) {
                    break; // the stream ended under the task
                }
                stopped.complete(null);
                LOG.log(System.Logger.Level.WARNING, "SSE periodic task failed; it will not run again", failure);
                done.completeExceptionally(failure);
                return;
            }
        }
        done.complete(null);
    }

    /** Stops the task: no run starts after this (a run under way finishes). Idempotent. */
    public void stop() {
        stopped.complete(null);
    }

    /** Whether the task may still run: not stopped, failed or ended with the stream. */
    public boolean isRunning() {
        return !stopped.isDone();
    }

    /** Completes when the task has stopped for good: normally, or with the failure that stopped it. */
    public CompletionStage<Void> done() {
        return done;
    }
}
