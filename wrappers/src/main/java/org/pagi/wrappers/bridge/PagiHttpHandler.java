package org.pagi.wrappers.bridge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestInfo;
import org.pagi.spec.State;
import org.pagi.spec.server.ConnectionInfo;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.spec.server.FlowTracker;
import org.pagi.spec.server.InvalidRequestException;
import org.pagi.spec.server.LogEscape;
import org.pagi.spec.server.RequestHead;
import org.pagi.spec.server.ScopeFactory;
import org.pagi.wrappers.Blocking;

/**
 * Serves a PAGI application from a JDK {@code com.sun.net.httpserver.HttpServer}, the reverse of
 * {@link HttpHandlerApp}:
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
 * server.createContext("/", PagiHttpHandler.of(app));
 * server.setExecutor(Executors.newVirtualThreadPerTaskExecutor()); // one request at a time without it
 * server.start();
 * }</pre>
 *
 * <p>Each exchange becomes an {@code http} scope built by {@link ScopeFactory}, as PAGI servers build theirs:
 * method, target, protocol, headers, local and remote addresses, {@code https} on an {@code HttpsServer}; the
 * context path becomes {@code root_path} and is taken off {@code path}. The request body arrives as
 * {@code http.request} events read when the application asks (see {@code HandlerCall}); response events become
 * {@code sendResponseHeaders} and writes to the response stream, awaited by the application's {@code send}. The
 * scope advertises {@code fullflush}; trailers are dropped (the JDK server cannot send them). {@code pagi.connection}
 * reports a client that left when a read or write fails (the JDK server gives no other sign of it), and
 * {@code receive} then answers {@code http.disconnect}.
 *
 * <p>Only {@code http} scopes are possible: the JDK server cannot hand a connection over to a WebSocket, nor keep
 * an SSE stream apart from an ordinary response. A WebSocket upgrade or an {@code Accept: text/event-stream}
 * request, which a PAGI server would give a {@code websocket} or {@code sse} scope, is answered
 * {@code 501 Not Implemented} (the spec's status for an unsupported request) without calling the application.
 * There is no lifespan: state set with {@link Builder#state} is what every scope copies.
 */
public final class PagiHttpHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(PagiHttpHandler.class.getName());

    private final Application app;
    private final State state;

    private PagiHttpHandler(Builder b) {
        this.app = b.app;
        this.state = b.state;
    }

    /** @return a handler serving {@code app} */
    public static PagiHttpHandler of(Application app) {
        return builder(app).build();
    }

    /** @return a builder for a handler serving {@code app} */
    public static Builder builder(Application app) {
        return new Builder(app);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // The exchange is closed on the paths that end the response; a cut response is not closed, since closing
        // would end a chunked body cleanly: HandlerCall.finish throws instead and the JDK server drops the connection.
        ConnectionTracker tracker = new ConnectionTracker();
        HttpScope scope;
        try {
            scope = scope(exchange, tracker);
        } catch (InvalidRequestException e) {
            refuse(exchange, e.status(), e.getMessage());
            return;
        }
        if (scope == null) {
            return;
        }
        HandlerCall call = new HandlerCall(exchange, tracker);
        try {
            Blocking.await(app.call(scope, call::receive, call::send));
        } catch (RuntimeException | Error e) {
            if (tracker.isConnected()) {
                LOG.log(System.Logger.Level.WARNING, "application failed for " + scope.method() + " "
                        + LogEscape.escape(scope.path()) + (call.headWritten() ? ": response cut" : ": answered 500"), e);
            }
        }
        call.finish();
    }

    /** @return the scope, or null when the request was answered here (a protocol this bridge cannot serve) */
    private HttpScope scope(HttpExchange exchange, ConnectionTracker tracker) throws IOException {
        String protocol = exchange.getProtocol();
        String version = switch (protocol.toUpperCase(java.util.Locale.ROOT)) {
            case "HTTP/1.1" -> "1.1";
            case "HTTP/1.0" -> "1.0";
            default -> throw new InvalidRequestException(505, "HTTP version not supported: " + protocol);
        };
        Headers.Builder headers = Headers.builder();
        for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
            for (String v : e.getValue()) {
                headers.add(e.getKey(), v);
            }
        }
        Bytes target = Bytes.latin1(exchange.getRequestURI().toString());
        RequestHead head = new RequestHead(exchange.getRequestMethod(), target, version, headers.build());
        ScopeFactory.Kind kind = ScopeFactory.classify(head);
        if (kind != ScopeFactory.Kind.HTTP) {
            String what = kind == ScopeFactory.Kind.WEBSOCKET ? "a WebSocket upgrade" : "an event stream (sse scope)";
            refuse(exchange, 501, what + " cannot be served through com.sun.net.httpserver.HttpServer; serve this"
                    + " application with a PAGI server for websocket and sse scopes");
            return null;
        }
        String contextPath = exchange.getHttpContext().getPath();
        String root = contextPath.endsWith("/") ? contextPath.substring(0, contextPath.length() - 1) : contextPath;
        ConnectionInfo connection = new ConnectionInfo(exchange instanceof HttpsExchange,
                Addresses.toEndpoint(exchange.getRemoteAddress()), Addresses.toEndpoint(exchange.getLocalAddress()), "");
        RequestInfo info = ScopeFactory.requestInfo(head, connection, kind);
        if (!root.isEmpty() && info.path().startsWith(root)
                && (info.path().length() == root.length() || info.path().charAt(root.length()) == '/')) {
            String rest = info.path().substring(root.length());
            info = info.withPath(rest.isEmpty() ? "/" : rest).withRootPath(root);
        }
        return ScopeFactory.http(info, state, Extensions.none().with(Extensions.FULLFLUSH), tracker, new FlowTracker());
    }

    private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Connection", "close");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : text.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(text);
            }
        }
        exchange.close();
    }

    /** Options of a {@link PagiHttpHandler}. */
    public static final class Builder {
        private final Application app;
        private State state = new State();

        private Builder(Application app) {
            this.app = Objects.requireNonNull(app, "app");
        }

        /** Sets the state every scope gets a shallow copy of (what a lifespan startup would have filled). */
        public Builder state(State value) {
            state = Objects.requireNonNull(value, "state");
            return this;
        }

        /** @return the handler */
        public PagiHttpHandler build() {
            return new PagiHttpHandler(this);
        }
    }
}
