package org.pagi.wrappers.lifespan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;

/**
 * Wraps an application with startup and shutdown hooks, and answers the lifespan protocol for it.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Order.</b> On {@code lifespan.startup} the startup hooks run one after another in registration
 *       order, then the wrapped application gets {@code lifespan.startup} itself. On {@code lifespan.shutdown}
 *       the wrapped application is shut down first (its answer and its return are awaited), then the shutdown
 *       hooks run in <em>reverse</em> registration order. A {@code Lifespan} wrapping another is therefore an
 *       onion: outer startup hooks, inner startup hooks, application; at shutdown the other way round.</li>
 *   <li><b>State.</b> Hooks get the {@link LifespanScope}; what they put in {@code scope.state()} (directly or
 *       with a {@link StateKey}) reaches every later http, websocket and sse scope, since the server gives each
 *       a copy of that namespace.</li>
 *   <li><b>Startup failure.</b> The first startup hook that fails (throws, fails its stage, or overruns the
 *       timeout) stops the startup: later hooks and the wrapped application do not start, and the server gets
 *       {@code lifespan.startup.failed} with a message naming the hook. Clean-up: a shutdown hook runs then
 *       only if every startup hook registered before it completed, so registering each resource's startup
 *       hook followed by its shutdown hook closes exactly what was opened. A startup failure answered by the
 *       wrapped application runs every shutdown hook.</li>
 *   <li><b>Shutdown failures.</b> Every shutdown hook runs even when another failed; the server gets
 *       {@code lifespan.shutdown.failed} whose message lists each failure (the application's too), joined
 *       with {@code "; "}.</li>
 *   <li><b>Timeout.</b> Each hook may take {@link #hookTimeout()} ({@link #DEFAULT_HOOK_TIMEOUT} unless set);
 *       an overrun is a failure "startup hook 'db' timed out after 30 s" and a blocking hook's thread is
 *       interrupted. The wrapped application itself is not timed here: the server times the whole lifespan.</li>
 *   <li><b>Applications without lifespan.</b> If the wrapped application declines lifespan (throws, e.g.
 *       {@code UnsupportedScopeException}, or returns without answering), the hooks still run and the server
 *       still gets {@code lifespan.startup.complete}; the application gets no further lifespan events.</li>
 *   <li>Every other scope goes to the wrapped application unchanged.</li>
 * </ul>
 *
 * <p>Hooks come in two first-class forms: {@link LifespanHook} (async, returns a {@code CompletionStage}) via
 * {@link #onStartup}/{@link #onShutdown}, and {@link BlockingLifespanHook} (runs on its own virtual thread) via
 * {@link #onStartupBlocking}/{@link #onShutdownBlocking}.
 *
 * <p>Immutable: each {@code on...} and {@link #hookTimeout(Duration)} returns a new {@code Lifespan}, so one
 * value is safe to share and to call concurrently.
 */
public final class Lifespan implements Application {

    /** The default limit for one hook: 30 seconds. */
    public static final Duration DEFAULT_HOOK_TIMEOUT = Duration.ofSeconds(30);

    private final Application app;
    private final List<Hook> startup;
    private final List<Hook> shutdown;
    private final Duration hookTimeout;

    private Lifespan(Application app, List<Hook> startup, List<Hook> shutdown, Duration hookTimeout) {
        this.app = app;
        this.startup = startup;
        this.shutdown = shutdown;
        this.hookTimeout = hookTimeout;
    }

    /** @return a {@code Lifespan} around {@code app} with no hooks yet */
    public static Lifespan wrap(Application app) {
        return new Lifespan(Objects.requireNonNull(app, "app"), List.of(), List.of(), DEFAULT_HOOK_TIMEOUT);
    }

    /** @return a copy that also runs the async {@code hook} at startup, after the hooks registered before it */
    public Lifespan onStartup(String name, LifespanHook hook) {
        return withStartup(new Hook("startup", checkName(name), Objects.requireNonNull(hook, "hook"), null, 0));
    }

    /** @return a copy that also runs the blocking {@code hook} (on a virtual thread) at startup */
    public Lifespan onStartupBlocking(String name, BlockingLifespanHook hook) {
        return withStartup(new Hook("startup", checkName(name), null, Objects.requireNonNull(hook, "hook"), 0));
    }

    /** @return a copy that also runs the async {@code hook} at shutdown, before the hooks registered before it */
    public Lifespan onShutdown(String name, LifespanHook hook) {
        return withShutdown(new Hook("shutdown", checkName(name), Objects.requireNonNull(hook, "hook"), null,
                startup.size()));
    }

    /** @return a copy that also runs the blocking {@code hook} (on a virtual thread) at shutdown */
    public Lifespan onShutdownBlocking(String name, BlockingLifespanHook hook) {
        return withShutdown(new Hook("shutdown", checkName(name), null, Objects.requireNonNull(hook, "hook"),
                startup.size()));
    }

    /**
     * @return a copy in which each hook may take at most {@code timeout}
     * @throws IllegalArgumentException naming {@code hookTimeout} when it is not positive
     */
    public Lifespan hookTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "hookTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("hookTimeout must be positive, got " + timeout);
        }
        return new Lifespan(app, startup, shutdown, timeout);
    }

    /** @return how long each hook may take */
    public Duration hookTimeout() {
        return hookTimeout;
    }

    /** @return the wrapped application */
    public Application app() {
        return app;
    }

    /** Runs the lifespan protocol for a {@code lifespan} scope; passes every other scope to the wrapped app. */
    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (scope instanceof LifespanScope life) {
            return new LifespanCall(app, startup, shutdown, hookTimeout, life, receive, send).run();
        }
        return app.call(scope, receive, send);
    }

    private Lifespan withStartup(Hook hook) {
        return new Lifespan(app, append(startup, hook), shutdown, hookTimeout);
    }

    private Lifespan withShutdown(Hook hook) {
        return new Lifespan(app, startup, append(shutdown, hook), hookTimeout);
    }

    private static List<Hook> append(List<Hook> hooks, Hook hook) {
        List<Hook> copy = new ArrayList<>(hooks);
        copy.add(hook);
        return List.copyOf(copy);
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "hook name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a hook name must not be blank: it names the hook in failure messages");
        }
        return name;
    }
}
