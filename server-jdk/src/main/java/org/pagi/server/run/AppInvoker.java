package org.pagi.server.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.pagi.protocol.exchange.Exchange;
import org.pagi.protocol.exchange.Http1Connection;
import org.pagi.server.ExecutionMode;
import java.util.concurrent.locks.ReentrantLock;
import org.pagi.server.transport.NioConnection;
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
 * thread that sends by itself, holding the connection's lock (see {@link NioConnection}); a stage that cannot
 * complete at once (a receive still waiting, a write the socket did not take) completes on a virtual thread, so
 * code chained to it never runs on, and never blocks, the loop.
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

    /** Calls the application for an exchange of {@code connection}. Runs on the loop, holding the lock. */
    public void invoke(NioConnection connection, Scope scope, InboundQueue inbound, Exchange exchange) {
        Http1Connection http = connection.http();
        ReentrantLock lock = connection.lock();
        if (mode == ExecutionMode.EVENT_LOOP) {
            SelectorLoop loop = connection.loop();
            Send send = event -> loop.inLoop() ? http.send(exchange, event) : hop(connection, exchange, event);
            // On the loop the lock is already held (the loop only runs connection code under it).
            run(scope, inbound::receive, send, failure -> {
                if (loop.inLoop()) {
                    http.applicationFinished(exchange, failure);
                } else {
                    connection.later(() -> http.applicationFinished(exchange, failure));
                }
            });
            return;
        }
        Receive receive = () -> offLoop(inbound.receive());
        Send send = event -> {
            CompletableFuture<Void> sent;
            lock.lock();
            try {
                sent = http.send(exchange, event);
            } finally {
                lock.unlock();
            }
            return offLoop(sent);
        };
        virtualThreads.execute(() -> run(scope, receive, send, failure -> {
            lock.lock();
            try {
                http.applicationFinished(exchange, failure);
            } finally {
                lock.unlock();
            }
        }));
    }

    /** An event-loop application that moved to another thread: its send hops back to the loop. */
    private CompletionStage<Void> hop(NioConnection connection, Exchange exchange, Event event) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.later(() -> connection.http().send(exchange, event).whenComplete((v, t) -> complete(done, t)));
        return done;
    }

    /** A stage already done is handed back as it is; one still pending will complete on a virtual thread. */
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
