package org.pagi.examples.miniframework;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;

/**
 * An application written with {@link Nano}, as upstream's: it never touches the protocol, it declares routes and
 * returns strings. {@code GET /}, {@code GET /hello/:name}, and {@code GET /slow/:secs}, which waits without
 * holding a thread (0 to {@value #MAX_SLOW_SECONDS} seconds; anything else is a 400), so other requests are
 * served meanwhile. Thread-safe.
 */
public final class App implements Application {
    /** The longest wait {@code /slow} accepts. */
    static final int MAX_SLOW_SECONDS = 60;

    private final Application app = new Nano()
            .get("/", req -> "Hello from a web framework built on PAGI!\n")
            .get("/hello/:name", req -> "Hello, " + req.param("name") + "!\n")
            .get("/slow/:secs", req -> slow(seconds(req.param("secs"))))
            .toApp();

    /** Creates the application. */
    public App() {
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }

    private static CompletionStage<String> slow(int secs) {
        return CompletableFuture.supplyAsync(() -> "Waited " + secs + "s without blocking another request.\n",
                CompletableFuture.delayedExecutor(secs, TimeUnit.SECONDS));
    }

    private static int seconds(String text) {
        try {
            int secs = Integer.parseInt(text);
            if (secs >= 0 && secs <= MAX_SLOW_SECONDS) {
                return secs;
            }
        } catch (NumberFormatException e) {
            // answered below, as a value out of range is
        }
        throw new IllegalArgumentException("secs must be a whole number from 0 to " + MAX_SLOW_SECONDS + ", got '"
                + text + "'");
    }
}
