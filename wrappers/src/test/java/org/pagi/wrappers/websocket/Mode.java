package org.pagi.wrappers.websocket;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pagi.spec.Application;
import org.pagi.wrappers.Blocking;

/** The two handler modes every WebSocket test runs in: async stages, and Blocking.app with the blocking view. */
enum Mode {
    ASYNC, BLOCKING;

    /** A handler in the async mode. */
    interface Async {
        CompletionStage<?> run(WebSocket ws);
    }

    /** The same handler in the blocking mode. */
    interface Sync {
        void run(BlockingWebSocket ws) throws Exception;
    }

    /** An application running {@code async} or {@code blocking}, whichever this mode is. */
    Application app(Async async, Sync blocking) {
        return this == ASYNC
                ? (scope, receive, send) -> async.run(WebSocket.of(scope, receive, send)).thenApply(v -> null)
                : Blocking.app((scope, receive, send) -> blocking.run(WebSocket.of(scope, receive, send).blocking()));
    }

    /** What an application saw, handed to the test thread. */
    static final class Seen {
        private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();

        void add(Object item) {
            items.add(item);
        }

        /** @return the next item, failing the test after 5 s */
        Object next() {
            try {
                Object o = items.poll(5, TimeUnit.SECONDS);
                if (o == null) {
                    throw new AssertionError("the application reported nothing within 5 s");
                }
                return o;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** @return the next item, which must be a {@code type} */
        <T> T next(Class<T> type) {
            Object o = next();
            if (!type.isInstance(o)) {
                throw new AssertionError("expected a " + type.getSimpleName() + ", got " + o);
            }
            return type.cast(o);
        }

        /** Records the failure (or "no failure") of each stage, in order. */
        static java.util.concurrent.CompletionStage<Void> recordAll(Seen seen,
                java.util.concurrent.CompletionStage<?>... stages) {
            java.util.concurrent.CompletionStage<Void> chain = java.util.concurrent.CompletableFuture.completedFuture(null);
            for (var stage : stages) {
                chain = chain.thenCompose(v -> stage.handle((x, e) -> {
                    seen.add(e == null ? "no failure" : cause(e));
                    return null;
                }));
            }
            return chain;
        }

        /** Runs each call, recording what it threw (or "no failure"), in order. */
        static void recordAll(Seen seen, Runnable... calls) {
            for (Runnable call : calls) {
                try {
                    call.run();
                    seen.add("no failure");
                } catch (RuntimeException e) {
                    seen.add(e);
                }
            }
        }

        boolean isEmpty() {
            return items.isEmpty();
        }
    }

    /** @return the failure inside a stage's CompletionException */
    static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
