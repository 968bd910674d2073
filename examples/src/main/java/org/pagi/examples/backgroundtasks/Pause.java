package org.pagi.examples.backgroundtasks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** How the simulated work waits: a timer in the example, a gate the test opens in its tests. */
@FunctionalInterface
interface Pause {
    /** Waits on the JDK's delayed executor, holding no thread meanwhile. */
    Pause TIMER = length -> CompletableFuture.runAsync(() -> { },
            CompletableFuture.delayedExecutor(length.toMillis(), TimeUnit.MILLISECONDS));

    /** @return a stage completing once {@code length} of simulated work is over */
    CompletionStage<Void> after(Duration length);
}
