package org.pagi.wrappers.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.pagi.spec.Application;

/**
 * Collects routes for a {@link Router}. Methods return the builder for chaining; {@link #name} names the route
 * registered just before. Used by one thread; after {@link #build()} it refuses further calls.
 *
 * <p>Middleware lists run in onion order: the first one given is the outermost. A group's middleware wraps
 * outside the route's own.
 */
public final class RouterBuilder {

    private record Group(String prefix, List<Middleware> middleware) {
    }

    private final RouteTrie<MethodTable> http = new RouteTrie<>();
    private final RouteTrie<MethodTable> websocket = new RouteTrie<>();
    private final RouteTrie<MethodTable> sse = new RouteTrie<>();
    private final List<Mount> mounts = new ArrayList<>();
    private final Map<String, PathTemplate> names = new HashMap<>();
    private final Deque<Group> groups = new ArrayDeque<>();
    private PathTemplate last;
    private Application notFound;
    private Application lifespan;
    private boolean redirectTrailingSlash;
    private boolean built;

    RouterBuilder() {
    }

    /** A GET route; see {@link PathTemplate} for the path syntax. */
    public RouterBuilder get(String path, Application handler, Middleware... middleware) {
        return route("GET", path, handler, middleware);
    }

    /** A POST route; see {@link PathTemplate} for the path syntax. */
    public RouterBuilder post(String path, Application handler, Middleware... middleware) {
        return route("POST", path, handler, middleware);
    }

    /** A PUT route; see {@link PathTemplate} for the path syntax. */
    public RouterBuilder put(String path, Application handler, Middleware... middleware) {
        return route("PUT", path, handler, middleware);
    }

    /** A PATCH route; see {@link PathTemplate} for the path syntax. */
    public RouterBuilder patch(String path, Application handler, Middleware... middleware) {
        return route("PATCH", path, handler, middleware);
    }

    /** A DELETE route; see {@link PathTemplate} for the path syntax. */
    public RouterBuilder delete(String path, Application handler, Middleware... middleware) {
        return route("DELETE", path, handler, middleware);
    }

    /** A HEAD route; see {@link PathTemplate} for the path syntax. */
    public RouterBuilder head(String path, Application handler, Middleware... middleware) {
        return route("HEAD", path, handler, middleware);
    }

    /** A OPTIONS route; see {@link PathTemplate} for the path syntax. */
    public RouterBuilder options(String path, Application handler, Middleware... middleware) {
        return route("OPTIONS", path, handler, middleware);
    }

    /** A route for every method (a method-specific route on the same path still wins). */
    public RouterBuilder any(String path, Application handler, Middleware... middleware) {
        return add(http, null, path, handler, middleware);
    }

    /** A route for one method token, case-sensitive as methods are. */
    public RouterBuilder route(String method, String path, Application handler, Middleware... middleware) {
        Objects.requireNonNull(method, "method");
        return add(http, method, path, handler, middleware);
    }

    /** A route for {@code websocket} scopes. */
    public RouterBuilder websocket(String path, Application handler, Middleware... middleware) {
        return add(websocket, null, path, handler, middleware);
    }

    /** A route for {@code sse} scopes. */
    public RouterBuilder sse(String path, Application handler, Middleware... middleware) {
        return add(sse, null, path, handler, middleware);
    }

    private RouterBuilder add(RouteTrie<MethodTable> trie, String method, String path, Application handler,
                              Middleware[] middleware) {
        open();
        Objects.requireNonNull(handler, "handler");
        PathTemplate template = PathTemplate.parse(path).under(groupPrefix());
        Route route = new Route(template, wrap(handler, middleware));
        trie.put(template, MethodTable::new).add(method, route);
        last = template;
        return this;
    }

    /**
     * Names the route registered just before, for {@link Router#urlFor}.
     *
     * @throws IllegalStateException when no route precedes, or the name is taken
     */
    public RouterBuilder name(String name) {
        open();
        if (last == null) {
            throw new IllegalStateException("name('" + name + "') needs a route registered just before it");
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a route name is not empty");
        }
        if (names.putIfAbsent(name, last) != null) {
            throw new IllegalStateException("a route named '" + name + "' exists already: " + names.get(name));
        }
        last = null;
        return this;
    }

    /**
     * Registers the routes {@code routes} adds under a path prefix (a template, so it may hold parameters),
     * each wrapped in {@code middleware} outside its own. Groups nest.
     */
    public RouterBuilder group(String prefix, List<Middleware> middleware, Consumer<RouterBuilder> routes) {
        open();
        String normalized = normalizePrefix(prefix);
        if (!normalized.isEmpty()) {
            PathTemplate.parse(normalized);   // reject a bad prefix here, naming its own position
        }
        groups.addLast(new Group(normalized, List.copyOf(middleware)));
        try {
            routes.accept(this);
        } finally {
            groups.removeLast();
        }
        last = null;
        return this;
    }

    /** {@link #group(String, List, Consumer)} without middleware. */
    public RouterBuilder group(String prefix, Consumer<RouterBuilder> routes) {
        return group(prefix, List.of(), routes);
    }

    /**
     * Mounts an application under a literal prefix (inside a group, under the group's prefix too); the group's
     * middleware and then {@code middleware} wrap it.
     */
    public RouterBuilder mount(String prefix, Application app, Middleware... middleware) {
        open();
        Objects.requireNonNull(app, "app");
        String full = groupPrefix() + normalizePrefix(prefix);
        if (full.indexOf('{') >= 0 || full.indexOf(':') >= 0 || full.indexOf('*') >= 0) {
            throw new IllegalArgumentException("a mount prefix is literal, got '" + full + "'");
        }
        mounts.add(new Mount(full, wrap(app, middleware)));
        last = null;
        return this;
    }

    /** Mounts a router and imports its named routes as {@code namespace.name}, with the prefix in their paths. */
    public RouterBuilder mount(String prefix, Router router, String namespace, Middleware... middleware) {
        mount(prefix, router, middleware);
        String full = groupPrefix() + normalizePrefix(prefix);
        router.names().forEach((name, template) -> {
            String qualified = namespace + "." + name;
            if (names.putIfAbsent(qualified, template.under(full)) != null) {
                throw new IllegalStateException("a route named '" + qualified + "' exists already");
            }
        });
        return this;
    }

    /** Answers what no route or mount takes (default: the router's 404 for each scope type). */
    public RouterBuilder notFound(Application app) {
        open();
        this.notFound = Objects.requireNonNull(app, "app");
        return this;
    }

    /** Handles the lifespan scope (default: the router declines lifespan). */
    public RouterBuilder lifespan(Application app) {
        open();
        this.lifespan = Objects.requireNonNull(app, "app");
        return this;
    }

    /** Redirects a path that matches only with or without its final slash (default: off). */
    public RouterBuilder redirectTrailingSlash(boolean value) {
        open();
        this.redirectTrailingSlash = value;
        return this;
    }

    /** @return the router; this builder can no longer be used */
    public Router build() {
        open();
        built = true;
        List<Mount> sorted = new ArrayList<>(mounts);
        sorted.sort(Comparator.comparingInt((Mount m) -> m.prefix().length()).reversed());
        return new Router(http, websocket, sse, List.copyOf(sorted), names, notFound, lifespan,
                redirectTrailingSlash);
    }

    private void open() {
        if (built) {
            throw new IllegalStateException("this builder has built its router already");
        }
    }

    private String groupPrefix() {
        StringBuilder prefix = new StringBuilder();
        groups.forEach(g -> prefix.append(g.prefix()));
        return prefix.toString();
    }

    private static String normalizePrefix(String prefix) {
        return PathPrefixes.normalize(prefix, "prefix");
    }

    private Application wrap(Application handler, Middleware[] own) {
        List<Middleware> chain = new ArrayList<>();
        groups.forEach(g -> chain.addAll(g.middleware()));
        chain.addAll(List.of(own));
        Application app = handler;
        for (int i = chain.size() - 1; i >= 0; i--) {
            app = Objects.requireNonNull(chain.get(i).wrap(app), "middleware returned null");
        }
        return app;
    }
}
