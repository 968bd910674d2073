package org.pagi.wrappers.context;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.ExtensionEvent;

/**
 * A test middleware that injects extension events into an application's {@code receive}, as a channels
 * middleware would: each receive yields the next injected event or the server's next event, whichever comes
 * first; a server event that arrives when nobody waits is kept for the next receive.
 */
final class Injector {
    private final ArrayDeque<Event> queued = new ArrayDeque<>();
    private CompletableFuture<Event> waiting;
    private boolean serverReading;
    private Receive server;

    /** @return {@code app} with this injector's receive in front of the server's */
    Application around(Application app) {
        return (scope, receive, send) -> {
            synchronized (this) {
                server = receive;
            }
            return app.call(scope, this::receive, send);
        };
    }

    /** Queues (or hands to a waiting receive) an extension event of {@code type} with {@code fields}. */
    Injector inject(String type, Map<String, Object> fields) {
        deliver(new ExtensionEvent(type, fields));
        return this;
    }

    private void deliver(Event event) {
        CompletableFuture<Event> w;
        synchronized (this) {
            w = waiting;
            waiting = null;
            if (w == null) {
                queued.addLast(event);
                return;
            }
        }
        w.complete(event);
    }

    private CompletionStage<Event> receive() {
        CompletableFuture<Event> out = new CompletableFuture<>();
        boolean read;
        synchronized (this) {
            Event e = queued.pollFirst();
            if (e != null) {
                return CompletableFuture.completedFuture(e);
            }
            waiting = out;
            read = !serverReading;
            serverReading = true;
        }
        if (read) {
            server.receive().whenComplete((event, failure) -> {
                synchronized (this) {
                    serverReading = false;
                }
                if (failure != null) {
                    CompletableFuture<Event> w;
                    synchronized (this) {
                        w = waiting;
                        waiting = null;
                    }
                    if (w != null) {
                        w.completeExceptionally(failure);
                    }
                } else {
                    deliver(event);
                }
            });
        }
        return out;
    }
}
