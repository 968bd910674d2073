package org.pagi.wrappers.endpoint;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Scope;
import org.pagi.spec.SseScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.sse.Sse;
import org.pagi.wrappers.websocket.WebSocket;

/** Turns each handler type into the {@link Application} the functional router routes to. */
final class Adapt {

    private Adapt() {
    }

    static Application http(HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return (scope, receive, send) -> {
            HttpScope http = httpScope(scope);
            return handler.handle(Request.of(http, receive))
                    .thenCompose(response -> answer(response).respond(scope, send));
        };
    }

    static Application http(BlockingHttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return Blocking.app((scope, receive, send) ->
                answer(handler.handle(Request.of(httpScope(scope), receive))).blocking().respond(scope, send));
    }

    static Application websocket(WebSocketHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return (scope, receive, send) -> handler.handle(WebSocket.of(scope, receive, send)).thenApply(v -> null);
    }

    static Application websocket(BlockingWebSocketHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return Blocking.app((scope, receive, send) -> handler.handle(WebSocket.of(scope, receive, send).blocking()));
    }

    static Application sse(SseHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return (scope, receive, send) -> handler.handle(Sse.of(sseScope(scope), receive, send)).thenApply(v -> null);
    }

    static Application sse(BlockingSseHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return Blocking.app((scope, receive, send) -> handler.handle(Sse.of(sseScope(scope), receive, send).blocking()));
    }

    static HttpScope httpScope(Scope scope) {
        if (scope instanceof HttpScope http) {
            return http;
        }
        throw new UnsupportedScopeException(scope);
    }

    static SseScope sseScope(Scope scope) {
        if (scope instanceof SseScope sse) {
            return sse;
        }
        throw new UnsupportedScopeException(scope);
    }

    /** Runs {@code call}, turning a synchronous throw into a failed stage as an application must. */
    static CompletionStage<Void> guarded(Supplier<CompletionStage<Void>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Response answer(Response response) {
        if (response == null) {
            throw new NullPointerException("the handler returned no response (null)");
        }
        return response;
    }
}
