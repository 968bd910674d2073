package org.pagi.wrappers.endpoint;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.routing.Router;
import org.pagi.wrappers.routing.RouterBuilder;

/**
 * A class-based router: a subclass declares all its routes in {@link #routes(Routes)}, with method references to
 * its own handlers, and the result is an {@link Application}.
 *
 * <pre>{@code
 * class Users extends EndpointRouter {
 *     protected void routes(Routes r) {
 *         r.get("/users/{id:int}", this::show).name("users.show")   // async: CompletionStage<Response> show(Request)
 *          .post("/users", this::create)                             // blocking: Response create(Request)
 *          .websocket("/ws", this::chat)
 *          .endpoint("/items", new Items());
 *     }
 * }
 * }</pre>
 *
 * <p>The routes are compiled once, on first use, into a functional {@link Router}: the same matching, 404, 405
 * with a sorted {@code Allow}, HEAD through GET, automatic OPTIONS, middleware, mounts and {@code urlFor}. The
 * instance lives as long as the application, so its fields are the place for shared resources (upstream's
 * worker-local {@code state}); they must be safe for concurrent requests. For startup and shutdown, declare
 * {@link Routes#lifespan} or wrap the router in {@code Lifespan.wrap(...)}, as upstream does.
 */
public abstract class EndpointRouter implements Application {

    private volatile Router router;

    /** For subclasses. */
    protected EndpointRouter() {
    }

    /**
     * Declares the routes. Called once, on the first request or the first {@link #router()}, never in the
     * constructor, so a subclass's fields are set by then.
     */
    protected abstract void routes(Routes r);

    /**
     * @return the functional router the routes compiled into (compiling them on the first call)
     * @throws IllegalArgumentException or IllegalStateException from {@link RouterBuilder} for a bad route,
     *     naming it; the next call tries again
     */
    public final Router router() {
        Router compiled = router;
        if (compiled == null) {
            synchronized (this) {
                compiled = router;
                if (compiled == null) {
                    RouterBuilder builder = Router.builder();
                    routes(new Routes(builder));
                    compiled = builder.build();
                    router = compiled;
                }
            }
        }
        return compiled;
    }

    @Override
    public final CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return Adapt.guarded(() -> router().call(scope, receive, send));
    }

    /** @return the names of the named routes, sorted; see {@link Router#routeNames()} */
    public Set<String> routeNames() {
        return router().routeNames();
    }

    /** The path of a named route; see {@link Router#urlFor(String, Map, Map)}. */
    public String urlFor(String name, Map<String, ?> pathParams, Map<String, ?> query) {
        return router().urlFor(name, pathParams, query);
    }

    /** The path of a named route under the scope's {@code root_path}; see {@link Router#urlFor(RequestScope, String, Map, Map)}. */
    public String urlFor(RequestScope scope, String name, Map<String, ?> pathParams, Map<String, ?> query) {
        return router().urlFor(scope, name, pathParams, query);
    }
}
