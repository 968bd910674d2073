package org.pagi.examples.eventmiddleware;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.ExtensionEvent;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/**
 * Upstream's {@code 17-event-middleware}: {@link WithTicks} around a pure application that streams one NDJSON
 * line {@code {"tick":n}} for every {@code ext.tick} it receives, until {@code http.disconnect}. The inner
 * application knows nothing of hubs, sources or state: it awaits the next event and switches on its type, a
 * tick and a disconnect arriving the same way. Written with the spec's events, as the point is what arrives on
 * {@code receive}. Async throughout. Thread-safe.
 */
public final class App implements Application {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    private final WithTicks app;

    /** The example as {@code bin/pagi-server --app} creates it: a tick every 2 s. */
    public App() {
        this(DEFAULT_INTERVAL);
    }

    /** @param interval how often the middleware's ticker publishes */
    public App(Duration interval) {
        this.app = new WithTicks(App::stream, interval);
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }

    /** @return the middleware, whose {@code hub()} tests publish ticks through */
    public WithTicks middleware() {
        return app;
    }

    /** The pure application: a streaming response fed by the events on {@code receive}. */
    static CompletionStage<Void> stream(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof HttpScope)) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        return send.send(new HttpResponseStart(200, Headers.of("content-type", "application/x-ndjson")))
                .thenCompose(v -> relay(receive, send));
    }

    private static CompletionStage<Void> relay(Receive receive, Send send) {
        return receive.receive().thenCompose(event -> handle(event, send)
                .thenCompose(more -> more ? relay(receive, send) : CompletableFuture.completedFuture(null)));
    }

    /** @return whether to go on receiving */
    private static CompletionStage<Boolean> handle(Event event, Send send) {
        return switch (event) {
            case ExtensionEvent tick when tick.type().equals(WithTicks.TICK) -> send.send(HttpResponseBody.chunk(
                    Bytes.utf8("{\"tick\":" + tick.fields().get("count") + "}\n"))).thenApply(v -> true);
            case HttpDisconnect gone -> CompletableFuture.completedFuture(false); // the client left: stop
            default -> CompletableFuture.completedFuture(true); // the request body is ignored in this demo
        };
    }
}
