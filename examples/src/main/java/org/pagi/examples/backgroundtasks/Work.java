package org.pagi.examples.backgroundtasks;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Upstream's simulated work, each step written to the log as upstream {@code warn}s it: an e-mail and an analytics
 * call (async I/O: a pause holding no thread), a CPU task (blocking its own virtual thread, where upstream uses a
 * subprocess), a quick synchronous note.
 */
final class Work {
    static final Duration EMAIL = Duration.ofSeconds(2);
    static final Duration ANALYTICS = Duration.ofSeconds(1);

    private final Consumer<String> log;
    private final Pause pause;

    Work(Consumer<String> log, Pause pause) {
        this.log = Objects.requireNonNull(log, "log");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    CompletionStage<Void> sendWelcomeEmail(String email) {
        log.accept("[async] Sending welcome email to " + email + "...");
        return pause.after(EMAIL).thenRun(() -> log.accept("[async] Email sent to " + email + "!"));
    }

    CompletionStage<Void> logToAnalytics(String event) {
        log.accept("[async] Logging '" + event + "' to analytics...");
        return pause.after(ANALYTICS).thenRun(() -> log.accept("[async] Analytics logged!"));
    }

    /** Blocks the calling thread for {@code length}: call it on a virtual thread of its own. */
    void cpuTask(String name, Duration length) {
        log.accept("[worker] Starting CPU task: " + name);
        pause.after(length).toCompletableFuture().join();
        log.accept("[worker] Completed: " + name);
        log.accept("[main] Worker returned: Result of " + name);
    }

    void quickSync(String message) {
        log.accept("[sync] Quick task: " + message);
    }

    void failed(String what, Throwable error) {
        log.accept("Background task failed: " + what + ": " + error);
    }
}
