package org.pagi.server.reload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.pagi.server.run.LifespanRunner;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.SseScope;
import org.pagi.spec.State;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.LifespanStartupFailed;

/**
 * An application whose code can be replaced while it serves: {@link #reload()} loads a new version and, once it
 * is ready, sends every new call (an HTTP request, a WebSocket, an SSE stream) to it, while calls already running
 * finish on the version they started on. The launcher's {@code --reload} drives it from a {@link SourceWatcher}.
 *
 * <p>Lifespan: when the server runs one, every version has its own: a new version gets {@code lifespan.startup}
 * (with a fresh {@code state}) before it takes any call, and the version it replaces gets
 * {@code lifespan.shutdown} after its last call ended. A new version that fails to load, or whose startup fails,
 * never serves: the current one keeps serving and the reason is reported. When the server stops (after its last
 * connection closed), the current version and any still draining get their shutdown. Each call's scope carries a
 * copy of its own version's state. When the first version declines lifespan, so does this application, and no
 * later version gets one.
 *
 * <p>Nothing static refers to a version: once a replaced version's last call ended and its shutdown ran, its
 * instance and class loader can be collected. Thread-safe.
 */
public final class ReloadingApp implements Application {
    /** How long a version may take to answer {@code lifespan.startup} or {@code lifespan.shutdown}. */
    public static final Duration LIFESPAN_TIMEOUT = Duration.ofSeconds(60);
    private static final Executor LIFESPAN_THREADS = task -> Thread.ofVirtual().name("pagi-reload-lifespan")
            .start(task);

    /** Makes one version of the application: compiles and instantiates it, say. */
    @FunctionalInterface
    public interface Loader {
        /**
         * @return a new instance of the application's current code
         * @throws Exception whose message says why not (for a compile error, the compiler's diagnostics)
         */
        Application load() throws Exception;
    }

    /** What a {@link #reload()} did. */
    public sealed interface Outcome {
        /** @return the version serving new calls now */
        int serving();

        /** The new version serves new calls. @param serving its number */
        record Swapped(int serving) implements Outcome {
        }

        /**
         * The new version could not be loaded or started; the old one keeps serving.
         *
         * @param serving the version still serving
         * @param reason  why (the compiler's diagnostics, a failed startup)
         */
        record Kept(int serving, String reason) implements Outcome {
        }
    }

    private final Loader loader;
    private final Consumer<String> log;
    private final Duration lifespanTimeout;
    private final Set<Version> draining = ConcurrentHashMap.newKeySet();
    private final Object swapLock = new Object();
    private volatile Version current;
    private boolean lifespan; // guarded by swapLock: whether versions get a lifespan
    private boolean stopped; // guarded by swapLock

    /**
     * Loads the first version.
     *
     * @param loader makes each version
     * @param log    takes one message per reload: what now serves, or why the old version still does
     * @throws Exception what the loader threw for the first version
     */
    public ReloadingApp(Loader loader, Consumer<String> log) throws Exception {
        this(loader, log, LIFESPAN_TIMEOUT);
    }

    ReloadingApp(Loader loader, Consumer<String> log, Duration lifespanTimeout) throws Exception {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.log = Objects.requireNonNull(log, "log");
        this.lifespanTimeout = lifespanTimeout;
        this.current = new Version(1, Objects.requireNonNull(loader.load(), "the loader returned null"),
                lifespanTimeout);
    }

    /** @return the number of the version serving new calls: 1 for the first, one more per successful reload */
    public int version() {
        return current.number;
    }

    /** @return how many replaced versions still finish calls they started */
    public int draining() {
        return draining.size();
    }

    /**
     * Loads a new version and, if it loads and its lifespan startup completes, makes it serve new calls. Never
     * throws: a failure is reported to the log and in the outcome. Reloads run one at a time.
     *
     * @return what happened
     */
    public Outcome reload() {
        synchronized (swapLock) {
            Version old = current;
            if (stopped) {
                return new Outcome.Kept(old.number, "the server is stopping");
            }
            Application app;
            try {
                app = Objects.requireNonNull(loader.load(), "the loader returned null");
            } catch (Exception | LinkageError e) {
                return kept(old, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            Version next = new Version(old.number + 1, app, lifespanTimeout);
            if (lifespan) {
                switch (next.startLifespan()) {
                    case LifespanRunner.Startup.Complete c -> {
                        // ready to serve
                    }
                    case LifespanRunner.Startup.Failed f -> {
                        return kept(old, "version " + next.number + ": lifespan startup failed: " + f.message());
                    }
                    case LifespanRunner.Startup.Declined d -> {
                        return kept(old, "version " + next.number + " declined lifespan, which version " + old.number
                                + " runs: " + d.cause());
                    }
                }
            }
            current = next;
            draining.add(old);
            old.retire().whenComplete((v, t) -> draining.remove(old));
            log.accept("version " + next.number + " serves new calls; " + (old.inFlight() == 0 ? "version "
                    + old.number + " had none running" : "version " + old.number + " finishes its "
                    + old.inFlight() + " running"));
            return new Outcome.Swapped(next.number);
        }
    }

    private Outcome kept(Version old, String reason) {
        log.accept("reload failed, version " + old.number + " keeps serving: " + reason);
        return new Outcome.Kept(old.number, reason);
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (scope instanceof LifespanScope) {
            return receive.receive().thenComposeAsync(startup -> startLifespan(scope, receive, send), LIFESPAN_THREADS);
        }
        Version v = current;
        while (!v.enter()) {
            Version newer = current;
            if (newer == v) {
                v.enterRetired(); // the server stopped all versions: a late call runs on the last, never spins
                break;
            }
            v = newer;
        }
        Version serving = v;
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // Libraries the application calls (ServiceLoader, ...) look for its classes through this loader.
        thread.setContextClassLoader(v.app.getClass().getClassLoader());
        try {
            return v.app.call(withState(scope, v.state.copy()), receive, send).whenComplete((r, t) -> serving.exit());
        } catch (RuntimeException | Error e) {
            serving.exit();
            throw e;
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** Runs on a virtual thread: the first version's startup waits for its answer. */
    private CompletionStage<Void> startLifespan(Scope scope, Receive receive, Send send) {
        LifespanRunner.Startup startup;
        synchronized (swapLock) {
            startup = current.startLifespan();
            lifespan = startup instanceof LifespanRunner.Startup.Complete;
        }
        return switch (startup) {
            case LifespanRunner.Startup.Complete c -> send.send(new LifespanStartupComplete())
                    .thenCompose(v -> receive.receive())
                    .thenComposeAsync(shutdown -> {
                        stopAll();
                        return send.send(new LifespanShutdownComplete());
                    }, LIFESPAN_THREADS);
            case LifespanRunner.Startup.Failed f -> send.send(new LifespanStartupFailed(f.message()));
            // the server logs that it serves without lifespan
            case LifespanRunner.Startup.Declined d -> CompletableFuture.failedFuture(
                    new UnsupportedScopeException(scope));
        };
    }

    /**
     * The server is stopping, after its last connection closed: every version gets its shutdown now, in parallel,
     * even one whose call outlived its connection. Each shutdown is bounded by the lifespan timeout.
     */
    private void stopAll() {
        List<CompletableFuture<Void>> shutdowns = new ArrayList<>();
        synchronized (swapLock) {
            stopped = true;
            shutdowns.add(current.stopNow());
            draining.forEach(v -> shutdowns.add(v.stopNow()));
        }
        try {
            CompletableFuture.allOf(shutdowns.toArray(CompletableFuture[]::new)).get(lifespanTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.accept("lifespan shutdown did not end within " + lifespanTimeout + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The scope with its version's state in place of the server's (which only the first version's would match). */
    private static Scope withState(Scope scope, State state) {
        return switch (scope) {
            case HttpScope h -> new HttpScope(h.pagi(), h.request(), state, h.extensions(), h.connection(),
                    h.transport(), h.attributes());
            case WebSocketScope w -> new WebSocketScope(w.pagi(), w.request(), w.subprotocols(), state,
                    w.extensions(), w.transport(), w.attributes());
            case SseScope s -> new SseScope(s.pagi(), s.request(), state, s.extensions(), s.transport(),
                    s.attributes());
            case LifespanScope l -> l;
        };
    }
}
