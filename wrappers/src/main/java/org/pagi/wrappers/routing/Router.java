package org.pagi.wrappers.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.SseScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;

/**
 * A functional router: an {@link Application} that sends each {@code http}, {@code websocket} and {@code sse}
 * scope to the route its path (and, for HTTP, its method) selects. Build one with {@link #builder()}; it is
 * immutable afterwards and safe to call from any thread.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Paths are matched segment by segment (see {@link RouteTrie} for the precedence: literal, typed, regex,
 *       plain parameter, wildcard). The matched route's parameters go into the scope under
 *       {@link #PATH_PARAMS}, its template under {@link #ROUTE}.</li>
 *   <li>HTTP: a route for the request's method wins; HEAD is served by the GET route with the body dropped
 *       unless a HEAD route exists; then a route for every method ({@code any}). When the path matched but no
 *       method did: OPTIONS gets {@code 204} with {@code Allow}, anything else {@code 405} with a sorted
 *       {@code Allow}. As upstream does, that answer comes before mounts are tried.</li>
 *   <li>Mounts, longest prefix first, at segment boundaries; the app sees the path without the prefix and
 *       {@code root_path} extended by it.</li>
 *   <li>No match: the {@code notFound} application if set, else {@code 404 text/plain "Not Found"}; for a
 *       WebSocket a {@code 404} denial response (with the {@code websocket.http.response} extension, else a
 *       close before accepting, which servers answer {@code 403}); for SSE a declined stream with {@code 404}.
 *       With {@code redirectTrailingSlash(true)}, an HTTP path that matches only with (or without) a final
 *       slash is redirected there: {@code 301} for GET and HEAD, {@code 308} for other methods.</li>
 *   <li>Lifespan goes to the {@code lifespan} application if set; otherwise the router declines it
 *       ({@link UnsupportedScopeException}) and mounted apps are not told, as upstream ignores lifespan.</li>
 * </ul>
 */
public final class Router implements Application {

    /** Scope attribute: the matched route's parameters, an immutable {@code Map<String, String>} in template order. */
    public static final String PATH_PARAMS = "pagi.path_params";
    /** Scope attribute: the matched route's template text, group prefixes included. */
    public static final String ROUTE = "pagi.route";

    private final RouteTrie<MethodTable> http;
    private final RouteTrie<MethodTable> websocket;
    private final RouteTrie<MethodTable> sse;
    private final List<Mount> mounts;
    private final Map<String, PathTemplate> names;
    private final Application notFound;
    private final Application lifespan;
    private final boolean redirectTrailingSlash;

    Router(RouteTrie<MethodTable> http, RouteTrie<MethodTable> websocket, RouteTrie<MethodTable> sse,
           List<Mount> mounts, Map<String, PathTemplate> names, Application notFound, Application lifespan,
           boolean redirectTrailingSlash) {
        this.http = http;
        this.websocket = websocket;
        this.sse = sse;
        this.mounts = mounts;
        this.names = Map.copyOf(names);
        this.notFound = notFound;
        this.lifespan = lifespan;
        this.redirectTrailingSlash = redirectTrailingSlash;
    }

    /** @return a new, empty builder */
    public static RouterBuilder builder() {
        return new RouterBuilder();
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        try {
            return switch (scope) {
                case LifespanScope l when lifespan != null -> lifespan.call(scope, receive, send);
                case LifespanScope l -> CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
                case HttpScope h -> dispatchHttp(h, receive, send);
                case WebSocketScope ws -> dispatchOther(websocket, ws, receive, send);
                case SseScope s -> dispatchOther(sse, s, receive, send);
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private record Found(Route route, List<String> captures, boolean head) {
    }

    private CompletionStage<Void> dispatchHttp(HttpScope scope, Receive receive, Send send) {
        String method = scope.method();
        // Allow is only needed when nothing matches: made then, not for every request
        List<Set<String>> allowedBy = new ArrayList<>(0);
        Found[] found = new Found[1];
        http.find(scope.path(), (table, captures) -> {
            Route route = table.exact(method);
            boolean head = false;
            if (route == null && method.equals("HEAD")) {
                route = table.exact("GET");
                head = route != null;
            }
            if (route == null) {
                route = table.any();
            }
            if (route != null) {
                found[0] = new Found(route, captures, head);
                return true;
            }
            allowedBy.add(table.allowed());
            return false;
        });
        if (found[0] != null) {
            Send target = found[0].head() ? new HeadSend(send) : send;
            return invoke(found[0].route(), found[0].captures(), scope, receive, target);
        }
        Set<String> allowed = new TreeSet<>();
        allowedBy.forEach(allowed::addAll);
        if (!allowed.isEmpty()) {
            return method.equals("OPTIONS") ? Responses.options(send, allowed)
                    : Responses.methodNotAllowed(send, allowed);
        }
        CompletionStage<Void> mounted = tryMounts(scope, receive, send);
        if (mounted != null) {
            return mounted;
        }
        if (redirectTrailingSlash) {
            String other = otherSlash(scope.path());
            if (other != null && http.find(other, (table, captures) -> true)) {
                String query = scope.queryString().isEmpty() ? "" : "?" + scope.queryString().latin1();
                int status = method.equals("GET") || method.equals("HEAD") ? 301 : 308;
                // The path is decoded; the Location header carries it encoded again.
                return Responses.redirect(send, status, PathTemplate.encodePath(scope.rootPath() + other) + query);
            }
        }
        return notFound(scope, receive, send);
    }

    private static String otherSlash(String path) {
        if (path.length() > 1 && path.endsWith("/")) {
            return path.substring(0, path.length() - 1);
        }
        return path.startsWith("/") && path.length() > 1 ? path + "/" : null;
    }

    private CompletionStage<Void> dispatchOther(RouteTrie<MethodTable> trie, RequestScope scope, Receive receive,
                                                Send send) {
        Found[] found = new Found[1];
        trie.find(scope.path(), (table, captures) -> {
            found[0] = new Found(table.any(), captures, false);
            return true;
        });
        if (found[0] != null) {
            return invoke(found[0].route(), found[0].captures(), scope, receive, send);
        }
        CompletionStage<Void> mounted = tryMounts(scope, receive, send);
        return mounted != null ? mounted : notFound(scope, receive, send);
    }

    private CompletionStage<Void> tryMounts(RequestScope scope, Receive receive, Send send) {
        for (Mount mount : mounts) {
            String subPath = mount.subPath(scope.path());
            if (subPath != null) {
                RequestScope inner = scope.withRequest(scope.request().withPath(subPath)
                        .withRootPath(scope.rootPath() + mount.prefix()));
                return mount.app().call(inner, receive, send);
            }
        }
        return null;
    }

    private CompletionStage<Void> notFound(RequestScope scope, Receive receive, Send send) {
        return notFound != null ? notFound.call(scope, receive, send) : Responses.notFound(scope, send);
    }

    private static CompletionStage<Void> invoke(Route route, List<String> captures, RequestScope scope,
                                                Receive receive, Send send) {
        Map<String, String> params = new LinkedHashMap<>();
        if (scope.attributes().get(PATH_PARAMS) instanceof Map<?, ?> outer) {
            outer.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
        }
        List<String> paramNames = route.template().names();
        for (int i = 0; i < paramNames.size(); i++) {
            params.put(paramNames.get(i), captures.get(i));
        }
        RequestScope routed = scope.withAttribute(PATH_PARAMS, Collections.unmodifiableMap(params))
                .withAttribute(ROUTE, route.template().source());
        CompletionStage<Void> handled;
        try {
            handled = route.app().call(routed, receive, send);
        } catch (RuntimeException e) {
            handled = CompletableFuture.failedFuture(e);
        }
        return routed instanceof HttpScope http ? ClientErrors.answer(handled, http, send) : handled;
    }

    /** @return the names of the named routes, sorted */
    public Set<String> routeNames() {
        return new TreeSet<>(names.keySet());
    }

    /**
     * The path of a named route, relative to where this router is served (its mount prefixes included).
     *
     * @param name       a route name given with {@link RouterBuilder#name}, or {@code namespace.name} for one
     *                   imported from a mounted router
     * @param pathParams a value for every parameter of the route
     * @param query      query parameters, written in key order, percent-encoded; may be empty
     * @throws IllegalArgumentException for an unknown name (listing the known ones), a missing parameter or a
     *                                  value its type does not accept
     */
    public String urlFor(String name, Map<String, ?> pathParams, Map<String, ?> query) {
        PathTemplate template = names.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no route named '" + name + "'; named routes: " + routeNames());
        }
        String path = template.expand(pathParams);
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder out = new StringBuilder(path).append('?');
        String separator = "";
        for (Map.Entry<String, ?> e : new TreeMap<>(query).entrySet()) {
            out.append(separator).append(encodeQuery(e.getKey())).append('=')
                    .append(encodeQuery(String.valueOf(e.getValue())));
            separator = "&";
        }
        return out.toString();
    }

    /** @return {@link #urlFor(String, Map, Map)} under the scope's {@code root_path}: a path the client can use */
    public String urlFor(RequestScope scope, String name, Map<String, ?> pathParams, Map<String, ?> query) {
        return scope.rootPath() + urlFor(name, pathParams, query);
    }

    private static String encodeQuery(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append(String.format("%%%02X", c));
            }
        }
        return out.toString();
    }

    Map<String, PathTemplate> names() {
        return names;
    }

    /** @return the matched route's parameters, empty when the scope did not pass through a router */
    @SuppressWarnings("unchecked")
    public static Map<String, String> pathParams(RequestScope scope) {
        return scope.attribute(PATH_PARAMS).map(p -> (Map<String, String>) p).orElse(Map.of());
    }

    /**
     * @return the value of one path parameter
     * @throws IllegalArgumentException when the route has no such parameter, listing those it has
     */
    public static String pathParam(RequestScope scope, String name) {
        Map<String, String> params = pathParams(scope);
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no path parameter '" + name + "'; this route has "
                    + new TreeSet<>(params.keySet()));
        }
        return value;
    }
}
