package org.pagi.wrappers.bridge;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.server.LogEscape;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.response.Response;

/**
 * Runs an existing JDK {@link HttpHandler} (from {@code com.sun.net.httpserver}) as a PAGI application, the Java
 * counterpart of a PSGI bridge:
 *
 * <pre>{@code
 * Application app = HttpHandlerApp.of(exchange -> {
 *     byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
 *     exchange.sendResponseHeaders(200, hello.length);
 *     try (OutputStream out = exchange.getResponseBody()) {
 *         out.write(hello);
 *     }
 * });
 * }</pre>
 *
 * <p>Each request runs the handler (behind the configured {@link Filter}s) on its own virtual thread with an
 * {@code HttpExchange} built from the {@code http} scope: method, request URI ({@code raw_path} and query), protocol,
 * headers, local and remote addresses, the scope's attributes (and the scope itself as {@link #SCOPE_ATTRIBUTE});
 * the context path is the scope's {@code root_path}; the principal is null. The request body is read from
 * {@code receive} as the handler reads it, one event at a time; the response goes out as the handler writes it:
 * {@code sendResponseHeaders(code, n)} with {@code n > 0} sends exactly n bytes, {@code 0} a body of any length
 * (chunked), {@code -1} none. Every body event is awaited, so a slow client slows the writing handler.
 *
 * <p>What the JDK server would do with a failing handler becomes what PAGI servers do: an exception (or a handler
 * that returns without {@code sendResponseHeaders}) before the headers gives a logged {@code 500}; after them, or a
 * fixed-length body closed short, the application fails and the server cuts the connection rather than end a
 * truncated body cleanly. A handler that returns without closing the exchange has its response ended for it.
 * For HEAD, the headers go out (with the length a GET would have) and written bytes are dropped. A request
 * target {@link URI} cannot hold is answered {@code 400}, as the JDK server does. Scopes other than {@code http}
 * fail with {@link UnsupportedScopeException}.
 */
public final class HttpHandlerApp implements Application {
    /** The exchange attribute holding the {@link HttpScope} the exchange was built from. */
    public static final String SCOPE_ATTRIBUTE = "pagi.scope";
    /** The default {@link Builder#bufferBytes}: bytes gathered before a body event goes out. */
    public static final int DEFAULT_BUFFER_BYTES = 16 * 1024;
    /** The largest {@link Builder#bufferBytes}. */
    public static final int MAX_BUFFER_BYTES = 16 * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(HttpHandlerApp.class.getName());

    private final HttpHandler handler;
    private final List<Filter> filters;
    private final Map<String, Object> contextAttributes;
    private final int bufferBytes;
    private final Application runner = Blocking.app(this::run);

    private HttpHandlerApp(Builder b) {
        this.handler = b.handler;
        this.filters = List.copyOf(b.filters);
        this.contextAttributes = new ConcurrentHashMap<>(b.contextAttributes);
        this.bufferBytes = b.bufferBytes;
    }

    /** @return an application running {@code handler} with the defaults */
    public static HttpHandlerApp of(HttpHandler handler) {
        return builder(handler).build();
    }

    /** @return a builder for an application running {@code handler} */
    public static Builder builder(HttpHandler handler) {
        return new Builder(handler);
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return runner.call(scope, receive, send);
    }

    private void run(Scope s, Receive receive, Send send) throws Exception {
        if (!(s instanceof HttpScope scope)) {
            throw new UnsupportedScopeException(s);
        }
        URI uri = requestUri(scope);
        if (uri == null) {
            plain(scope, send, 400, "Bad Request: the request target is not a URI the handler can be given");
            return;
        }
        String contextPath = scope.rootPath().isEmpty() ? "/" : scope.rootPath();
        BridgeExchange exchange = new BridgeExchange(scope, receive, send, uri,
                new BridgeContext(contextPath, handler, filters, contextAttributes), bufferBytes);
        try {
            new Filter.Chain(filters, handler).doFilter(exchange);
        } catch (Exception e) {
            if (exchange.headersSent()) {
                throw e; // the server cuts the connection: no truncated success
            }
            if (scope.connection().isConnected()) { // a handler failing because its client left is no news
                LOG.log(System.Logger.Level.WARNING, "HttpHandler failed before sendResponseHeaders for "
                        + scope.method() + " " + LogEscape.escape(scope.path()) + ": answered 500", e);
            }
            plain(scope, send, 500, "Internal Server Error");
            return;
        }
        if (!exchange.headersSent()) {
            LOG.log(System.Logger.Level.WARNING, "HttpHandler returned without sendResponseHeaders for {0} {1}:"
                    + " answered 500", scope.method(), LogEscape.escape(scope.path()));
            plain(scope, send, 500, "Internal Server Error");
        } else if (!exchange.finish()) {
            throw new IllegalStateException("HttpHandler left its response incomplete (a fixed-length body closed"
                    + " short): the response is cut");
        }
    }

    /** @return the request URI as the JDK server gives it (raw path and query), or null if URI cannot hold it */
    static URI requestUri(HttpScope scope) {
        String target = scope.rawPath().latin1();
        if (!scope.queryString().isEmpty()) {
            target += "?" + scope.queryString().latin1();
        }
        try {
            return new URI(target);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static void plain(HttpScope scope, Send send, int status, String text) {
        Response.text(text).withStatus(status).blocking().respond(scope, send);
    }

    /** Options of an {@link HttpHandlerApp}; each is checked when set, naming the option. */
    public static final class Builder {
        private final HttpHandler handler;
        private final List<Filter> filters = new ArrayList<>();
        private final Map<String, Object> contextAttributes = new ConcurrentHashMap<>();
        private int bufferBytes = DEFAULT_BUFFER_BYTES;

        private Builder(HttpHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /** Adds a filter run before the handler, in the order added (as {@code HttpContext.getFilters()}). */
        public Builder filter(Filter filter) {
            filters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /** Sets an attribute of the context every exchange reports ({@code HttpContext.getAttributes()}). */
        public Builder contextAttribute(String name, Object value) {
            contextAttributes.put(Objects.requireNonNull(name, "contextAttribute name"),
                    Objects.requireNonNull(value, "contextAttribute value"));
            return this;
        }

        /**
         * Sets how many response bytes are gathered before a body event goes out ({@code flush()} sends sooner);
         * also the largest body event.
         *
         * @throws IllegalArgumentException naming {@code bufferBytes} outside 1 to {@link #MAX_BUFFER_BYTES}
         */
        public Builder bufferBytes(int value) {
            if (value < 1 || value > MAX_BUFFER_BYTES) {
                throw new IllegalArgumentException("bufferBytes must be 1 to " + MAX_BUFFER_BYTES + ", got " + value);
            }
            bufferBytes = value;
            return this;
        }

        /** @return the application */
        public HttpHandlerApp build() {
            return new HttpHandlerApp(this);
        }
    }
}
