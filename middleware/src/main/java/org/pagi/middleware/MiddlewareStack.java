package org.pagi.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.pagi.spec.Application;
import org.pagi.spec.Scope;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Router;
import org.pagi.wrappers.routing.RouterBuilder;

/**
 * Composes middleware around an application, as upstream's builder does: the first middleware enabled is the
 * outermost (it sees a request first and the response last), apps mounted under a prefix are reached through
 * every enabled middleware, and the rest goes to the application given to {@link Builder#build}.
 *
 * <p>Each middleware wraps its inner application exactly once, when the stack is built; state it keeps (rate-limit
 * buckets, session stores, metrics) therefore lives as long as the built application. {@link Builder#enableIf}
 * decides per scope whether a request passes through a middleware, but still builds that middleware only once
 * (upstream's {@code enable_if} builds a new instance per request; that loses such state). A stack in an order
 * known to do harm is refused when built, naming both middleware (see {@link HarmfulOrder}).
 *
 * <pre>{@code
 * Application app = MiddlewareStack.builder()
 *         .enable(proxyHeaders)                         // outermost
 *         .enableIf(scope -> scope instanceof HttpScope, securityHeaders)
 *         .mount("/static", staticFiles)
 *         .build(router);                               // innermost
 * }</pre>
 */
public final class MiddlewareStack {

    private MiddlewareStack() {
    }

    /** @return an empty stack */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects middleware and mounts, then builds the application once. Not thread-safe; build once, share. */
    public static final class Builder {
        private record Layer(Middleware middleware, Predicate<Scope> when) {
        }

        private record Mounted(String prefix, Application app) {
        }

        private final List<Layer> layers = new ArrayList<>();
        private final List<Mounted> mounts = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds {@code middleware} inside the ones enabled before it.
         *
         * @param middleware the middleware to wrap with
         * @return this builder
         */
        public Builder enable(Middleware middleware) {
            layers.add(new Layer(Objects.requireNonNull(middleware, "middleware"), null));
            return this;
        }

        /**
         * Adds {@code middleware} for the scopes {@code when} accepts; other scopes skip it and go straight to the
         * next layer. The middleware is still built once.
         *
         * @param when       decides per scope, must not block
         * @param middleware the middleware to wrap with
         * @return this builder
         */
        public Builder enableIf(Predicate<Scope> when, Middleware middleware) {
            layers.add(new Layer(Objects.requireNonNull(middleware, "middleware"), Objects.requireNonNull(when, "when")));
            return this;
        }

        /**
         * Serves {@code app} for paths under {@code prefix} (on a segment boundary; the prefix is stripped from the
         * path and added to the root path; the longest prefix wins), inside every enabled middleware.
         *
         * @param prefix a path prefix such as {@code /static}
         * @param app    the application to mount
         * @return this builder
         */
        public Builder mount(String prefix, Application app) {
            mounts.add(new Mounted(Objects.requireNonNull(prefix, "prefix"), Objects.requireNonNull(app, "app")));
            return this;
        }

        /**
         * Builds the stack around {@code app}: mounts first, then every middleware from the last enabled (innermost)
         * to the first (outermost), each wrapped once.
         *
         * @param app the application for everything not mounted elsewhere (and the lifespan)
         * @return the composed application
         * @throws IllegalStateException when two middleware are enabled in an order known to do harm
         */
        public Application build(Application app) {
            Objects.requireNonNull(app, "app");
            HarmfulOrder.check(layers.stream().map(Layer::middleware).toList());
            Application inner = app;
            if (!mounts.isEmpty()) {
                RouterBuilder map = Router.builder().notFound(app).lifespan(app);
                mounts.forEach(m -> map.mount(m.prefix(), m.app()));
                inner = map.build();
            }
            for (int i = layers.size() - 1; i >= 0; i--) {
                Layer layer = layers.get(i);
                Application next = inner;
                Application wrapped = Objects.requireNonNull(layer.middleware().wrap(next),
                        () -> "middleware " + layer.middleware() + " returned no application");
                inner = layer.when() == null ? wrapped : (scope, receive, send) -> layer.when().test(scope)
                        ? wrapped.call(scope, receive, send) : next.call(scope, receive, send);
            }
            return inner;
        }
    }
}
