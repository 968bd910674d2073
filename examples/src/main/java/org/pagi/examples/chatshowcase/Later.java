package org.pagi.examples.chatshowcase;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The chat's timers (the presence grace period, the server's pings) on the JDK's shared delay scheduler, so the
 * example owns no thread to stop. A task runs on a virtual thread; what it does is quick (state, then sends).
 */
final class Later {
    private static final Executor VIRTUAL = task -> Thread.ofVirtual().name("chat-timer").start(task);

    private Later() {
    }

    /** @return cancels {@code task} if it has not started; runs it once after {@code delay} otherwise */
    static Runnable after(Duration delay, Runnable task) {
        CompletableFuture<Void> run = CompletableFuture.runAsync(task,
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, VIRTUAL));
        return () -> run.cancel(false);
    }

    /** @return stops {@code task}, run every {@code interval} (the first one interval from now) until then */
    static Runnable every(Duration interval, Runnable task) {
        AtomicBoolean stopped = new AtomicBoolean();
        schedule(interval, task, stopped);
        return () -> stopped.set(true);
    }

    private static void schedule(Duration interval, Runnable task, AtomicBoolean stopped) {
        after(interval, () -> {
            if (!stopped.get()) {
                task.run();
                schedule(interval, task, stopped);
            }
        });
    }
}
