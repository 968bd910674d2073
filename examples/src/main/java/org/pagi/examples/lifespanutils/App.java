package org.pagi.examples.lifespanutils;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.lifespan.Lifespan;
import org.pagi.wrappers.response.Response;

/**
 * Upstream's {@code 14-lifespan-utils} ({@code PAGI::Utils::handle_lifespan}) with the wrappers' {@link Lifespan}:
 * a startup hook logs {@code doing startup}, a shutdown hook logs {@code doing shutdown}, and every HTTP request
 * gets {@code 200 text/plain} {@code Hello from PAGI!}. The application inside knows nothing of lifespan: {@code
 * Lifespan} answers the protocol, runs the hooks, and passes every other scope on; a WebSocket or SSE scope fails
 * with {@code UnsupportedScopeException}, as upstream dies.
 *
 * <p>Composes stages, never blocks. Thread-safe.
 */
public final class App implements Application {
    static final String GREETING = "Hello from PAGI!";
    static final String STARTUP_MESSAGE = "doing startup";
    static final String SHUTDOWN_MESSAGE = "doing shutdown";

    private static final System.Logger LOG = System.getLogger(App.class.getName());
    private static final Response HELLO = Response.text(GREETING).withContentType("text/plain");

    private final Application app;

    /** The example as {@code bin/pagi-server --app} creates it: the hooks write to the JDK's logging. */
    public App() {
        this(message -> LOG.log(System.Logger.Level.INFO, message));
    }

    /** @param log where the hooks write their message (upstream {@code warn}s it to stderr) */
    App(Consumer<String> log) {
        Objects.requireNonNull(log, "log");
        this.app = Lifespan.wrap(HELLO)
                .onStartup("startup", scope -> {
                    log.accept(STARTUP_MESSAGE);
                    return CompletableFuture.completedFuture(null);
                })
                .onShutdown("shutdown", scope -> {
                    log.accept(SHUTDOWN_MESSAGE);
                    return CompletableFuture.completedFuture(null);
                });
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }
}
