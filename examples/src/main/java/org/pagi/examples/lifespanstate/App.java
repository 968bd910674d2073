package org.pagi.examples.lifespanstate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.Scope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.LifespanShutdown;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanStartup;
import org.pagi.spec.event.LifespanStartupComplete;

/**
 * One application for two scope types. On {@code lifespan.startup} it stores the greeting
 * {@code Hello from lifespan} in the lifespan state under {@link #GREETING_KEY} and answers
 * {@code lifespan.startup.complete}; on {@code lifespan.shutdown} it answers {@code lifespan.shutdown.complete}
 * and returns. Every HTTP request then gets {@code 200}, {@code content-type: text/plain} and
 * {@code Hello from lifespan via shared state}, read from the request scope's copy of that state; a server that
 * ran no lifespan yields {@code Hello via shared state}.
 *
 * <p>The state is how startup work (a pool, a cache, here a string) reaches requests without a global: the
 * server gives each request a shallow copy of the lifespan namespace. WebSocket and SSE scopes are refused with
 * {@link UnsupportedScopeException}.
 *
 * <p>Each call runs on a virtual thread of its own and waits with {@code join()}. Holds nothing itself;
 * thread-safe.
 */
public final class App implements Application {
    /** The lifespan state key of the greeting; prefixed so it cannot collide with another framework's key. */
    public static final String GREETING_KEY = "example.greeting";

    static final String STARTUP_GREETING = "Hello from lifespan";
    static final String FALLBACK_GREETING = "Hello";

    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("lifespan-state").start(task);

    /** Creates the application; what it keeps lives in the lifespan state. */
    public App() {
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return switch (scope) {
            case LifespanScope life -> CompletableFuture.runAsync(() -> lifespan(life, receive, send), VIRTUAL_THREADS);
            case HttpScope http -> CompletableFuture.runAsync(() -> greet(http, receive, send), VIRTUAL_THREADS);
            default -> CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        };
    }

    private static void lifespan(LifespanScope life, Receive receive, Send send) {
        while (true) {
            Event event = await(receive.receive());
            if (event instanceof LifespanStartup) {
                life.state().put(GREETING_KEY, STARTUP_GREETING); // before complete: requests may follow at once
                await(send.send(new LifespanStartupComplete()));
            } else if (event instanceof LifespanShutdown) {
                await(send.send(new LifespanShutdownComplete()));
                return;
            }
        }
    }

    private static void greet(HttpScope http, Receive receive, Send send) {
        if (!readWholeBody(receive)) {
            return; // http.disconnect: nobody is left to answer
        }
        String greeting = http.state().get(GREETING_KEY, String.class).orElse(FALLBACK_GREETING);
        await(send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain"))));
        await(send.send(HttpResponseBody.last(Bytes.utf8(greeting + " via shared state"))));
    }

    /** @return true once the body is read (and ignored); false if {@code http.disconnect} came first */
    private static boolean readWholeBody(Receive receive) {
        while (await(receive.receive()) instanceof HttpRequest piece) {
            if (!piece.more()) {
                return true;
            }
        }
        return false;
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
