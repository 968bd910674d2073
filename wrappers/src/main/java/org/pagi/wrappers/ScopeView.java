package org.pagi.wrappers;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pagi.spec.Bytes;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.spec.State;
import org.pagi.wrappers.http.Accept;
import org.pagi.wrappers.http.QueryParams;
import org.pagi.wrappers.http.RequestCookies;
import org.pagi.wrappers.routing.Router;

/**
 * What every wrapper of a request scope ({@code http}, {@code websocket}, {@code sse}) reads the same way: the
 * request line and headers, query parameters, cookies, {@code Accept}, the router's path parameters, the lifespan
 * state and a per-request stash. {@code Request}, {@code WebSocket} and {@code Sse} extend it, so a handler reads
 * a query parameter with the same call whatever the protocol.
 *
 * <p>Query, cookies and {@code Accept} are parsed on first use and kept; the stash is made on first use. Thread-safe.
 *
 * @param <S> the scope type of the wrapper
 */
public abstract class ScopeView<S extends RequestScope> {

    /** Scope attribute holding a shared mutable stash map, when a middleware provides one. */
    public static final String STASH = "pagi.stash";

    private final S scope;
    // Made on first use: most requests never touch them. The parsed values are immutable with final fields, so a
    // racing second parse is harmless and needs no lock; the stash must be one map, so it is made under a lock.
    private volatile Map<String, Object> stash;
    private QueryParams query;
    private RequestCookies cookies;
    private Accept accept;

    /**
     * A view of {@code scope}.
     *
     * @param scope the request scope to read
     */
    protected ScopeView(S scope) {
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sharedStash(RequestScope scope) {
        return scope.attribute(STASH).filter(Map.class::isInstance).map(m -> (Map<String, Object>) m)
                .orElseGet(ConcurrentHashMap::new);
    }

    /** @return the scope this view reads */
    public S scope() {
        return scope;
    }

    /** @return the request method, upper case as sent ({@code GET} for WebSocket handshakes and browsers' SSE) */
    public String method() {
        return scope.method();
    }

    /** @return the decoded path, as the server gives it */
    public String path() {
        return scope.path();
    }

    /** @return the path bytes as sent, still percent-encoded */
    public Bytes rawPath() {
        return scope.rawPath();
    }

    /** @return the path prefix the application is mounted under (empty at the root) */
    public String rootPath() {
        return scope.rootPath();
    }

    /** @return the scheme: {@code http} or {@code https}, {@code ws} or {@code wss} for WebSocket */
    public String scheme() {
        return scope.scheme();
    }

    /** @return the HTTP version of the request, e.g. {@code 1.1} */
    public String httpVersion() {
        return scope.httpVersion();
    }

    /** @return the client address, when the server knows it */
    public Optional<Endpoint> client() {
        return scope.client();
    }

    /** @return the server address, when known */
    public Optional<Endpoint> server() {
        return scope.server();
    }

    /** @return the {@code Host} header, else the server address ({@code host:port}), else empty */
    public Optional<String> host() {
        Optional<String> header = header("host");
        return header.isPresent() ? header : scope.server().map(Endpoint::toString);
    }

    /** @return the request header fields, in order */
    public Headers headers() {
        return scope.headers();
    }

    /**
     * @param name a header name, any case
     * @return the first value of header {@code name}
     */
    public Optional<String> header(String name) {
        return scope.headers().first(name);
    }

    /**
     * The query string's parameters, parsed on first use (REPLACE decoding, at most 1000; see
     * {@link QueryParams#parse(Bytes)}).
     *
     * @return the parameters
     * @throws org.pagi.wrappers.http.TooManyParametersException past 1000 parameters
     */
    public QueryParams query() {
        QueryParams q = query;
        if (q == null) {
            q = QueryParams.parse(scope.queryString());
            query = q;
        }
        return q;
    }

    /**
     * @param name a parameter name
     * @return the first value of query parameter {@code name}
     */
    public Optional<String> queryParam(String name) {
        return query().get(name);
    }

    /** @return the {@code Cookie} header's cookies, parsed on first use */
    public RequestCookies cookies() {
        RequestCookies c = cookies;
        if (c == null) {
            c = RequestCookies.parse(scope.headers());
            cookies = c;
        }
        return c;
    }

    /**
     * @param mediaType a media type such as {@code application/json}
     * @return whether the {@code Accept} header (absent means anything) allows {@code mediaType}
     */
    public boolean accepts(String mediaType) {
        return accept().accepts(mediaType);
    }

    /**
     * @param candidates the media types the handler can produce, in its own order of preference
     * @return the candidate the client prefers by {@code Accept}; empty when none is acceptable
     */
    public Optional<String> preferredType(String... candidates) {
        return accept().preferred(List.of(candidates));
    }

    private Accept accept() {
        Accept a = accept;
        if (a == null) {
            a = Accept.parse(scope.headers());
            accept = a;
        }
        return a;
    }

    /** @return the router's path parameters; empty when the scope did not pass through a router */
    public Map<String, String> pathParams() {
        return Router.pathParams(scope);
    }

    /**
     * @param name a parameter name of the matched route
     * @return the parameter's value
     * @throws IllegalArgumentException when the route has no such parameter (the message lists those it has)
     */
    public String pathParam(String name) {
        return Router.pathParam(scope, name);
    }

    /** @return the lifespan state as copied into this scope */
    public State state() {
        return scope.state();
    }

    /**
     * @return per-request mutable data: the map a middleware put under {@link #STASH} in the scope (shared with
     *     every wrapper of that scope), else one owned by this view; thread-safe when owned here
     */
    public Map<String, Object> stash() {
        Map<String, Object> s = stash;
        if (s == null) {
            synchronized (this) {
                s = stash;
                if (s == null) {
                    stash = s = sharedStash(scope);
                }
            }
        }
        return s;
    }
}
