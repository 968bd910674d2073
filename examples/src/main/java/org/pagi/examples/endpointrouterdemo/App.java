package org.pagi.examples.endpointrouterdemo;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.lifespan.Lifespan;

/**
 * Upstream's {@code endpoint-router-demo}: the class-based {@link Main} router (a page, the {@link Api} router
 * mounted at {@code /api}, a WebSocket echo, an SSE metrics stream, a static folder) wrapped in a
 * {@link Lifespan} whose startup puts the {@link Config} and the shared {@link Metrics} in the state every
 * request gets. Async throughout, so it runs in either execution mode. Thread-safe.
 */
public final class App implements Application {
    /** How often the metrics stream sends, as upstream. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(App.class.getName());

    private final Application app;

    /** The example as {@code bin/pagi-server --app} creates it. */
    public App() {
        this(DEFAULT_INTERVAL);
    }

    /** @param metricsInterval how often {@code /events/metrics} sends; more than zero */
    App(Duration metricsInterval) {
        if (Objects.requireNonNull(metricsInterval, "metricsInterval").isNegative() || metricsInterval.isZero()) {
            throw new IllegalArgumentException("metricsInterval must be more than zero, got " + metricsInterval);
        }
        this.app = Lifespan.wrap(new Main(metricsInterval))
                .onStartup("state", scope -> {
                    LOG.log(System.Logger.Level.INFO, "MyApp starting up...");
                    scope.state().put(Config.KEY, Config.DEFAULT).put(Metrics.KEY, new Metrics());
                    LOG.log(System.Logger.Level.INFO, "MyApp ready!");
                    return CompletableFuture.completedFuture(null);
                })
                .onShutdown("log", scope -> {
                    LOG.log(System.Logger.Level.INFO, "MyApp shutting down...");
                    return CompletableFuture.completedFuture(null);
                });
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }
}
