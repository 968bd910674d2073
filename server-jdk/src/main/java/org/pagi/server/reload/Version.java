package org.pagi.server.reload;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.pagi.server.run.LifespanRunner;
import org.pagi.spec.Application;
import org.pagi.spec.State;

/**
 * One loaded version of the application: its instance, its own lifespan state, and how many calls it is still
 * serving. Once {@linkplain #retire() retired} it takes no new call, and its lifespan shutdown runs after its last
 * call ended. Thread-safe.
 */
final class Version {
    final int number;
    final Application app;
    final State state = new State();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Duration lifespanTimeout;
    private volatile boolean retired;
    private volatile LifespanRunner lifespan;

    Version(int number, Application app, Duration lifespanTimeout) {
        this.number = number;
        this.app = app;
        this.lifespanTimeout = lifespanTimeout;
    }

    /** Runs this version's lifespan startup; on success its shutdown runs when it stops. */
    LifespanRunner.Startup startLifespan() {
        LifespanRunner runner = new LifespanRunner(app, state);
        LifespanRunner.Startup result = runner.startup(lifespanTimeout);
        if (result instanceof LifespanRunner.Startup.Complete) {
            lifespan = runner;
        }
        return result;
    }

    /**
     * Counts a call in, unless this version was retired meanwhile. The count goes up before the flag is read and
     * {@link #retire()} sets the flag before it reads the count, so one of the two always sees the other.
     *
     * @return whether the call may run on this version; if not, the caller takes the newer one
     */
    boolean enter() {
        inFlight.incrementAndGet();
        if (retired) {
            exit();
            return false;
        }
        return true;
    }

    /** Counts a call in although this version was retired: there is no newer one to take it. */
    void enterRetired() {
        inFlight.incrementAndGet();
    }

    /** Counts a call out; the last one out of a retired version stops it. */
    void exit() {
        if (inFlight.decrementAndGet() == 0 && retired) {
            stop();
        }
    }

    /** Takes no new calls; stops once the running ones ended (now, if none runs). */
    CompletableFuture<Void> retire() {
        retired = true;
        if (inFlight.get() == 0) {
            stop();
        }
        return stopped;
    }

    /** Stops now, whatever still runs: the server is going away. */
    CompletableFuture<Void> stopNow() {
        retired = true;
        stop();
        return stopped;
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Runs the lifespan shutdown once, on a thread of its own: the caller may be a request's thread. */
    private void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        LifespanRunner runner = lifespan;
        lifespan = null;
        if (runner == null) {
            stopped.complete(null);
            return;
        }
        Thread.ofVirtual().name("pagi-reload-shutdown-v" + number).start(() -> {
            try {
                runner.shutdown(lifespanTimeout);
            } finally {
                stopped.complete(null);
            }
        });
    }
}
