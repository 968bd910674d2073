package org.pagi.wrappers.endpoint;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pagi.spec.Application;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.routing.Middleware;

/** The two handler modes every endpoint test runs in: the async classes and hooks, and the blocking ones. */
enum Mode {
    ASYNC, BLOCKING;

    /** @return {@code async} or {@code blocking}, whichever this mode is */
    <T> T pick(Supplier<? extends T> async, Supplier<? extends T> blocking) {
        return this == ASYNC ? async.get() : blocking.get();
    }

    /** Middleware that adds its name to the response's {@code x-trail} header, outermost first. */
    static Middleware trail(String name) {
        return next -> (Application) (scope, receive, send) -> next.call(scope, receive, event -> send.send(
                event instanceof HttpResponseStart start
                        ? new HttpResponseStart(start.status(), start.headers().with("x-trail", name), start.trailers())
                        : event));
    }

    /** What handlers saw, handed to the test thread. */
    static final class Seen {
        private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();

        void add(Object item) {
            items.add(item);
        }

        /** @return the next item, failing the test after 5 s */
        Object next() throws InterruptedException {
            Object o = items.poll(5, TimeUnit.SECONDS);
            if (o == null) {
                throw new AssertionError("the endpoint reported nothing within 5 s");
            }
            return o;
        }

        /** @return whether nothing more was reported within {@code millis} (only after the session ended) */
        boolean nothingMore(long millis) throws InterruptedException {
            return items.poll(millis, TimeUnit.MILLISECONDS) == null;
        }
    }
}
