package org.pagi.wrappers.lifespan;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.pagi.spec.Application;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.response.Response;

/**
 * The two handler modes every lifespan test runs in: async hooks (work completed on another thread through a
 * stage) with an async request handler, and blocking hooks (on virtual threads) with a Blocking.app handler.
 */
enum HookMode {
    ASYNC, BLOCKING;

    /** What a hook does, in either mode. */
    @FunctionalInterface
    interface Action {
        void run(LifespanScope scope) throws Exception;
    }

    Lifespan startup(Lifespan lifespan, String name, Action action) {
        return this == ASYNC ? lifespan.onStartup(name, async(action)) : lifespan.onStartupBlocking(name, action::run);
    }

    Lifespan shutdown(Lifespan lifespan, String name, Action action) {
        return this == ASYNC ? lifespan.onShutdown(name, async(action)) : lifespan.onShutdownBlocking(name, action::run);
    }

    /** An http handler answering with the text {@code body} computes from the scope; it declines lifespan. */
    Application text(java.util.function.Function<org.pagi.spec.Scope, String> body) {
        if (this == ASYNC) {
            return (scope, receive, send) -> scope instanceof LifespanScope
                    ? CompletableFuture.failedFuture(new UnsupportedScopeException(scope))
                    : Response.text(body.apply(scope)).respond(scope, send);
        }
        return Blocking.app((scope, receive, send) -> {
            if (scope instanceof LifespanScope) {
                throw new UnsupportedScopeException(scope);
            }
            Response.text(body.apply(scope)).blocking().respond(scope, send);
        });
    }

    private static LifespanHook async(Action action) {
        return scope -> CompletableFuture.runAsync(() -> {
            try {
                action.run(scope);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }
}
