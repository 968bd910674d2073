package org.pagi.server.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.pagi.protocol.exchange.Exchange;
import org.pagi.protocol.exchange.Http1Connection;
import org.pagi.server.ExecutionMode;
import org.pagi.server.transport.SelectorLoop;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.server.InboundQueue;

/**
 * Calls the application for one scope and wires its {@code receive} and {@code send} to a connection.
 *
 * <p>In {@link ExecutionMode#EVENT_LOOP} the call, its sends and their completions all happen on the
 * connection's loop: no hand-off at all. In {@link ExecutionMode#VIRTUAL_THREADS} the call runs on a new virtual
 * thread, each send hops to the loop, and every stage the application gets back completes on a virtual thread,
 * so code chained to it can never block the loop either.
 */
public final class AppInvoker {
    private final Application app;
    private final ExecutionMode mode;
    private final Executor virtualThreads;

    /**
     * @param app            the application
     * @param mode           where it runs
     * @param virtualThreads the executor of virtual threads (one per task)
     */
    public AppInvoker(Application app, ExecutionMode mode, Executor virtualThreads) {
        this.app = app;
        this.mode = mode;
        this.virtualThreads = virtualThreads;
    }

    /** Calls the application for an exchange of {@code http} on {@code loop}. Runs on the loop. */
    public void invoke(SelectorLoop loop, Http1Connection http, Scope scope, InboundQueue inbound, Exchange exchange) {
        Receive receive = mode == ExecutionMode.EVENT_LOOP ? inbound::receive : () -> offLoop(inbound.receive());
        Send send = event -> send(loop, http, exchange, event);
        Runnable call = () -> run(scope, receive, send,
                failure -> loop.execute(() -> http.applicationFinished(exchange, failure)));
        if (mode == ExecutionMode.EVENT_LOOP) {
            call.run();
        } else {
            virtualThreads.execute(call);
        }
    }

    private CompletionStage<Void> send(SelectorLoop loop, Http1Connection http, Exchange exchange, Event event) {
        if (loop.inLoop()) {
            return http.send(exchange, event);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.submit(() -> http.send(exchange, event).whenComplete((v, t) -> {
            if (mode == ExecutionMode.EVENT_LOOP) {
                complete(done, t);
            } else {
                virtualThreads.execute(() -> complete(done, t));
            }
        }));
        return done;
    }

    private <T> CompletionStage<T> offLoop(CompletionStage<T> stage) {
        CompletableFuture<T> f = stage.toCompletableFuture();
        return f.isDone() ? f : f.thenApplyAsync(x -> x, virtualThreads);
    }

    /** Runs the application once, reporting its end (null on success) to {@code finished}. */
    void run(Scope scope, Receive receive, Send send, java.util.function.Consumer<Throwable> finished) {
        CompletionStage<Void> stage;
        try {
            stage = app.call(scope, receive, send);
        } catch (Throwable t) {
            finished.accept(t);
            return;
        }
        if (stage == null) {
            finished.accept(new NullPointerException("Application.call returned null; it must return a CompletionStage"));
            return;
        }
        stage.whenComplete((v, t) -> finished.accept(unwrap(t)));
    }

    private static void complete(CompletableFuture<Void> f, Throwable t) {
        if (t == null) {
            f.complete(null);
        } else {
            f.completeExceptionally(unwrap(t));
        }
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
