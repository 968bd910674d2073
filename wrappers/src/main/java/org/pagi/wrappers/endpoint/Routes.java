package org.pagi.wrappers.endpoint;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.pagi.spec.Application;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Router;
import org.pagi.wrappers.routing.RouterBuilder;

/**
 * What {@link EndpointRouter#routes(Routes)} declares its routes on. Every method registers on a functional
 * {@link RouterBuilder}, so matching, 405 with {@code Allow}, HEAD, OPTIONS, middleware, groups, mounts and names
 * behave exactly as for {@link Router}. Each route takes a handler in either mode: the async form
 * ({@link HttpHandler}, {@link WebSocketHandler}, {@link SseHandler}) or the blocking form, which runs on a
 * virtual thread ({@link BlockingHttpHandler}, {@link BlockingWebSocketHandler}, {@link BlockingSseHandler}). A
 * method reference picks its overload by its own signature: {@code r.get("/users/{id:int}", this::show)} works
 * for {@code CompletionStage<Response> show(Request)} and for {@code Response show(Request)} alike (an implicitly
 * typed lambda needs its parameter type written to choose).
 */
public final class Routes {

    private final RouterBuilder builder;

    Routes(RouterBuilder builder) {
        this.builder = builder;
    }

    /** A GET route (async). */
    public Routes get(String path, HttpHandler handler, Middleware... middleware) {
        return route("GET", path, Adapt.http(handler), middleware);
    }

    /** A GET route (blocking, on a virtual thread). */
    public Routes get(String path, BlockingHttpHandler handler, Middleware... middleware) {
        return route("GET", path, Adapt.http(handler), middleware);
    }

    /** A POST route (async). */
    public Routes post(String path, HttpHandler handler, Middleware... middleware) {
        return route("POST", path, Adapt.http(handler), middleware);
    }

    /** A POST route (blocking). */
    public Routes post(String path, BlockingHttpHandler handler, Middleware... middleware) {
        return route("POST", path, Adapt.http(handler), middleware);
    }

    /** A PUT route (async). */
    public Routes put(String path, HttpHandler handler, Middleware... middleware) {
        return route("PUT", path, Adapt.http(handler), middleware);
    }

    /** A PUT route (blocking). */
    public Routes put(String path, BlockingHttpHandler handler, Middleware... middleware) {
        return route("PUT", path, Adapt.http(handler), middleware);
    }

    /** A PATCH route (async). */
    public Routes patch(String path, HttpHandler handler, Middleware... middleware) {
        return route("PATCH", path, Adapt.http(handler), middleware);
    }

    /** A PATCH route (blocking). */
    public Routes patch(String path, BlockingHttpHandler handler, Middleware... middleware) {
        return route("PATCH", path, Adapt.http(handler), middleware);
    }

    /** A DELETE route (async). */
    public Routes delete(String path, HttpHandler handler, Middleware... middleware) {
        return route("DELETE", path, Adapt.http(handler), middleware);
    }

    /** A DELETE route (blocking). */
    public Routes delete(String path, BlockingHttpHandler handler, Middleware... middleware) {
        return route("DELETE", path, Adapt.http(handler), middleware);
    }

    /** A HEAD route (async); without one, HEAD is served by the GET route with the body dropped. */
    public Routes head(String path, HttpHandler handler, Middleware... middleware) {
        return route("HEAD", path, Adapt.http(handler), middleware);
    }

    /** A HEAD route (blocking). */
    public Routes head(String path, BlockingHttpHandler handler, Middleware... middleware) {
        return route("HEAD", path, Adapt.http(handler), middleware);
    }

    /** An OPTIONS route (async); without one, OPTIONS gets 204 with {@code Allow}. */
    public Routes options(String path, HttpHandler handler, Middleware... middleware) {
        return route("OPTIONS", path, Adapt.http(handler), middleware);
    }

    /** An OPTIONS route (blocking). */
    public Routes options(String path, BlockingHttpHandler handler, Middleware... middleware) {
        return route("OPTIONS", path, Adapt.http(handler), middleware);
    }

    /** A route for every method not routed more precisely on the same path (async). */
    public Routes any(String path, HttpHandler handler, Middleware... middleware) {
        builder.any(path, Adapt.http(handler), middleware);
        return this;
    }

    /** A route for every method not routed more precisely on the same path (blocking). */
    public Routes any(String path, BlockingHttpHandler handler, Middleware... middleware) {
        builder.any(path, Adapt.http(handler), middleware);
        return this;
    }

    /** A route for one method token, to a plain {@link Application} (a {@code Response} is one). */
    public Routes route(String method, String path, Application app, Middleware... middleware) {
        builder.route(method, path, app, middleware);
        return this;
    }

    /** A WebSocket route (async). */
    public Routes websocket(String path, WebSocketHandler handler, Middleware... middleware) {
        builder.websocket(path, Adapt.websocket(handler), middleware);
        return this;
    }

    /** A WebSocket route (blocking). */
    public Routes websocket(String path, BlockingWebSocketHandler handler, Middleware... middleware) {
        builder.websocket(path, Adapt.websocket(handler), middleware);
        return this;
    }

    /** An SSE route (async). */
    public Routes sse(String path, SseHandler handler, Middleware... middleware) {
        builder.sse(path, Adapt.sse(handler), middleware);
        return this;
    }

    /** An SSE route (blocking). */
    public Routes sse(String path, BlockingSseHandler handler, Middleware... middleware) {
        builder.sse(path, Adapt.sse(handler), middleware);
        return this;
    }

    /**
     * Routes each method {@code endpoint} declares on {@code path}, so the router answers the others exactly as
     * for any path: 405 with {@code Allow}, automatic OPTIONS, HEAD through GET. {@link #name} then names the
     * path.
     */
    public Routes endpoint(String path, HttpEndpoint endpoint, Middleware... middleware) {
        Objects.requireNonNull(endpoint, "endpoint").handlers()
                .forEach((method, app) -> builder.route(method, path, app, middleware));
        return this;
    }

    /** Routes WebSocket sessions on {@code path} to {@code endpoint} (either mode). */
    public Routes endpoint(String path, WebSocketEndpoint<?> endpoint, Middleware... middleware) {
        builder.websocket(path, Objects.requireNonNull(endpoint, "endpoint"), middleware);
        return this;
    }

    /** Routes WebSocket sessions on {@code path} to {@code endpoint} (blocking mode). */
    public Routes endpoint(String path, BlockingWebSocketEndpoint<?> endpoint, Middleware... middleware) {
        builder.websocket(path, Objects.requireNonNull(endpoint, "endpoint"), middleware);
        return this;
    }

    /** Routes SSE streams on {@code path} to {@code endpoint}. */
    public Routes endpoint(String path, SseEndpoint endpoint, Middleware... middleware) {
        builder.sse(path, Objects.requireNonNull(endpoint, "endpoint"), middleware);
        return this;
    }

    /** Routes SSE streams on {@code path} to {@code endpoint} (blocking mode). */
    public Routes endpoint(String path, BlockingSseEndpoint endpoint, Middleware... middleware) {
        builder.sse(path, Objects.requireNonNull(endpoint, "endpoint"), middleware);
        return this;
    }

    /** Names the route registered just before, for {@link EndpointRouter#urlFor}; see {@link RouterBuilder#name}. */
    public Routes name(String name) {
        builder.name(name);
        return this;
    }

    /** Declares the routes {@code routes} adds under {@code prefix}, wrapped in {@code middleware}; groups nest. */
    public Routes group(String prefix, List<Middleware> middleware, Consumer<Routes> routes) {
        Objects.requireNonNull(routes, "routes");
        builder.group(prefix, middleware, same -> routes.accept(this));
        return this;
    }

    /** {@link #group(String, List, Consumer)} without middleware. */
    public Routes group(String prefix, Consumer<Routes> routes) {
        return group(prefix, List.of(), routes);
    }

    /** Mounts any application under a literal prefix (path stripped, {@code root_path} extended). */
    public Routes mount(String prefix, Application app, Middleware... middleware) {
        builder.mount(prefix, app, middleware);
        return this;
    }

    /** Mounts another class-based router and imports its named routes as {@code namespace.name}. */
    public Routes mount(String prefix, EndpointRouter router, String namespace, Middleware... middleware) {
        builder.mount(prefix, Objects.requireNonNull(router, "router").router(), namespace, middleware);
        return this;
    }

    /** Mounts a functional router and imports its named routes as {@code namespace.name}. */
    public Routes mount(String prefix, Router router, String namespace, Middleware... middleware) {
        builder.mount(prefix, router, namespace, middleware);
        return this;
    }

    /** Answers what no route or mount takes (default: the router's 404 for each scope type). */
    public Routes notFound(Application app) {
        builder.notFound(app);
        return this;
    }

    /**
     * Handles the lifespan scope, e.g. with {@code Lifespan.wrap(...)} hooks (default: the router declines it).
     * Upstream's class-based router has no startup or shutdown hooks of its own either.
     */
    public Routes lifespan(Application app) {
        builder.lifespan(app);
        return this;
    }

    /** Redirects a path that matches only with or without its final slash (default: off). */
    public Routes redirectTrailingSlash(boolean value) {
        builder.redirectTrailingSlash(value);
        return this;
    }
}
