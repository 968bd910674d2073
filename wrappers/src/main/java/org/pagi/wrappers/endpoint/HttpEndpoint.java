package org.pagi.wrappers.endpoint;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.HeadSend;

/**
 * An HTTP endpoint: one resource whose subclass declares a handler per method in {@link #methods(Methods)}
 * ({@code m.get(this::list).post(this::create)}). It answers only those: another method gets {@code 405} with a
 * sorted {@code Allow}; OPTIONS gets {@code 204} with {@code Allow} unless declared; HEAD is served by GET with
 * the body dropped unless declared. {@code Allow} lists the declared methods, HEAD where GET is, and OPTIONS.
 *
 * <p>It is an {@link Application} on its own (any path; a scope other than {@code http} is declined with
 * {@link org.pagi.spec.UnsupportedScopeException}), and {@link Routes#endpoint(String, HttpEndpoint,
 * org.pagi.wrappers.routing.Middleware...)} routes its methods on one path of an {@link EndpointRouter}, where the
 * router gives the same answers. One instance serves every request, so its fields must be safe for concurrent
 * use.
 */
public abstract class HttpEndpoint implements Application {

    private volatile Map<String, Application> handlers;

    /** For subclasses. */
    protected HttpEndpoint() {
    }

    /** Declares the handlers. Called once, on first use, never in the constructor. */
    protected abstract void methods(Methods m);

    /** @return the declared handlers by method, compiled on the first call */
    final Map<String, Application> handlers() {
        Map<String, Application> compiled = handlers;
        if (compiled == null) {
            synchronized (this) {
                compiled = handlers;
                if (compiled == null) {
                    Methods m = new Methods();
                    methods(m);
                    if (m.handlers().isEmpty()) {
                        throw new IllegalStateException(getClass().getName() + " declares no method");
                    }
                    compiled = Collections.unmodifiableMap(new TreeMap<>(m.handlers()));
                    handlers = compiled;
                }
            }
        }
        return compiled;
    }

    /** @return the methods for {@code Allow}, sorted: the declared ones, HEAD where GET is, and OPTIONS */
    public final Set<String> allowedMethods() {
        Set<String> allowed = new TreeSet<>(handlers().keySet());
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        allowed.add("OPTIONS");
        return Collections.unmodifiableSet(allowed);
    }

    @Override
    public final CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return Adapt.guarded(() -> dispatch(Adapt.httpScope(scope), receive, send));
    }

    private CompletionStage<Void> dispatch(HttpScope scope, Receive receive, Send send) {
        String method = scope.method();
        Map<String, Application> table = handlers();
        Application handler = table.get(method);
        if (handler != null) {
            return handler.call(scope, receive, send);
        }
        if (method.equals("HEAD") && table.containsKey("GET")) {
            return table.get("GET").call(scope, receive, new HeadSend(send));
        }
        String allow = String.join(", ", allowedMethods());
        Response answer = method.equals("OPTIONS")
                ? Response.empty().withHeader("allow", allow)
                : Response.text("Method Not Allowed").withStatus(405).withHeader("allow", allow);
        return answer.respond(scope, send);
    }
}
