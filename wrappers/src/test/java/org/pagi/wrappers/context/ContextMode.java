package org.pagi.wrappers.context;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.pagi.spec.Application;
import org.pagi.wrappers.Blocking;

/** The two handler modes every context test runs in: async stages, and Blocking.app with the blocking view. */
enum ContextMode {
    ASYNC, BLOCKING;

    /** A handler in the async mode. */
    interface Async<C> {
        CompletionStage<?> run(C context) throws Exception;
    }

    /** The same handler in the blocking mode. */
    interface Sync<B> {
        void run(B view) throws Exception;
    }

    Application http(Async<HttpContext> async, Sync<BlockingHttpContext> blocking) {
        return app(Context::asHttp, HttpContext::blocking, async, blocking);
    }

    Application webSocket(Async<WebSocketContext> async, Sync<BlockingWebSocketContext> blocking) {
        return app(Context::asWebSocket, WebSocketContext::blocking, async, blocking);
    }

    Application sse(Async<SseContext> async, Sync<BlockingSseContext> blocking) {
        return app(Context::asSse, SseContext::blocking, async, blocking);
    }

    private <C extends Context, B> Application app(Function<Context, C> narrow, Function<C, B> view, Async<C> async,
            Sync<B> blocking) {
        if (this == ASYNC) {
            return (scope, receive, send) -> {
                try {
                    return async.run(narrow.apply(Context.of(scope, receive, send))).thenApply(v -> null);
                } catch (Exception e) {
                    return java.util.concurrent.CompletableFuture.failedFuture(e);
                }
            };
        }
        return Blocking.app((scope, receive, send) ->
                blocking.run(view.apply(narrow.apply(Context.of(scope, receive, send)))));
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
    }

    /** @return the failure inside a stage's CompletionException */
    static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
