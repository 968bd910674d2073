package org.pagi.testing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.pagi.spec.Application;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.State;
import org.pagi.spec.TlsInfo;
import org.pagi.testing.http.CookieJar;

/**
 * Drives any PAGI {@link Application} in-process, with no sockets: HTTP requests, WebSockets, SSE streams and
 * the lifespan. Scopes are built by {@link org.pagi.spec.server.ScopeFactory}, the code path the server uses,
 * and every event the application sends is checked against the spec's order rules.
 *
 * <pre>{@code
 * TestClient client = TestClient.of(app);
 * TestResponse r = client.get("/hello").send();
 * assertEquals(200, r.status());
 * assertEquals("Hello from PAGI!", r.text());
 * }</pre>
 *
 * <p>By default an exception from the application is rethrown into the test; with
 * {@code raiseAppExceptions(false)} the client answers as a server would (a 500, or an aborted response).
 * Every wait has a timeout (default 5 s), so a broken application fails a test instead of hanging it.
 *
 * <p>Thread-safe: a client may run several requests at once; the cookie jar and lifespan state are shared.
 */
public final class TestClient {
    /** How long any single wait lasts unless configured: long enough for slow CI, short enough to fail fast. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Application app;
    private final Duration timeout;
    private final boolean raiseAppExceptions;
    private final boolean runInline;
    private final boolean followRedirects;
    private final boolean secure;
    private final String host;
    private final String rootPath;
    private final Optional<Endpoint> clientAddress;
    private final Optional<Endpoint> serverAddress;
    private final Extensions extensions;
    private final Headers defaultHeaders;
    private final CookieJar cookies;
    private final State state;

    private TestClient(Builder b) {
        this.app = b.app;
        this.timeout = b.timeout;
        this.raiseAppExceptions = b.raiseAppExceptions;
        this.runInline = b.runInline;
        this.followRedirects = b.followRedirects;
        this.secure = b.secure;
        this.host = b.host;
        this.rootPath = b.rootPath;
        this.clientAddress = Optional.of(b.clientAddress);
        this.serverAddress = Optional.of(b.serverAddress);
        Extensions ext = b.extensions;
        if (secure && !ext.has(Extensions.TLS)) {
            ext = ext.with(Extensions.TLS, new TlsInfo(Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                    OptionalInt.of(0x0304), OptionalInt.of(0x1301)));
        }
        this.extensions = ext;
        this.defaultHeaders = b.defaultHeaders;
        this.cookies = new CookieJar();
        this.state = b.state;
    }

    /** @return a client for {@code app} with the defaults */
    public static TestClient of(Application app) {
        return builder(app).build();
    }

    /** @return a builder for a client of {@code app} */
    public static Builder builder(Application app) {
        return new Builder(app);
    }

    /** @return a GET request to {@code path} (which may carry a query string) */
    public HttpRequestBuilder get(String path) {
        return request("GET", path);
    }

    /** @return a HEAD request */
    public HttpRequestBuilder head(String path) {
        return request("HEAD", path);
    }

    /** @return a POST request */
    public HttpRequestBuilder post(String path) {
        return request("POST", path);
    }

    /** @return a PUT request */
    public HttpRequestBuilder put(String path) {
        return request("PUT", path);
    }

    /** @return a PATCH request */
    public HttpRequestBuilder patch(String path) {
        return request("PATCH", path);
    }

    /** @return a DELETE request */
    public HttpRequestBuilder delete(String path) {
        return request("DELETE", path);
    }

    /** @return an OPTIONS request */
    public HttpRequestBuilder options(String path) {
        return request("OPTIONS", path);
    }

    /** @return a request with any method token */
    public HttpRequestBuilder request(String method, String path) {
        return new HttpRequestBuilder(this, method, path);
    }

    /** @return a WebSocket handshake to {@code path} */
    public WebSocketRequestBuilder websocket(String path) {
        return new WebSocketRequestBuilder(this, path);
    }

    /** @return an SSE request ({@code Accept: text/event-stream}) to {@code path}, GET unless changed */
    public SseRequestBuilder sse(String path) {
        return new SseRequestBuilder(this, path);
    }

    /** @return a lifespan session; {@link LifespanSession#startup()} runs the application's startup */
    public LifespanSession lifespan() {
        return new LifespanSession(this);
    }

    /**
     * Runs lifespan startup, then {@code block}, then lifespan shutdown (also when {@code block} throws).
     * State the application stores at startup reaches every scope {@code block} creates.
     */
    public void withLifespan(ThrowingRunnable block) throws Exception {
        try (LifespanSession life = lifespan()) {
            life.startup();
            block.run();
        }
    }

    /** @return the cookies kept from {@code set-cookie} responses and sent with later requests */
    public CookieJar cookies() {
        return cookies;
    }

    /** @return the lifespan state namespace; every scope gets a shallow copy */
    public State state() {
        return state;
    }

    /** @return the application under test */
    public Application app() {
        return app;
    }

    /** @return how long each wait lasts */
    public Duration timeout() {
        return timeout;
    }

    /** @return whether application exceptions are rethrown into the test */
    public boolean raiseAppExceptions() {
        return raiseAppExceptions;
    }

    /** @return whether applications are called on the test's own thread ({@link Builder#runInline}) */
    public boolean runInline() {
        return runInline;
    }

    boolean followRedirects() {
        return followRedirects;
    }

    boolean secure() {
        return secure;
    }

    String host() {
        return host;
    }

    String rootPath() {
        return rootPath;
    }

    Optional<Endpoint> clientAddress() {
        return clientAddress;
    }

    Optional<Endpoint> serverAddress() {
        return serverAddress;
    }

    Extensions extensions() {
        return extensions;
    }

    Headers defaultHeaders() {
        return defaultHeaders;
    }

    /** A block that may throw, for {@link #withLifespan}. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        /** Runs the block. */
        void run() throws Exception;
    }

    /** Configures a {@link TestClient}. Not thread-safe. */
    public static final class Builder {
        private final Application app;
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean raiseAppExceptions = true;
        private boolean runInline;
        private boolean followRedirects;
        private boolean secure;
        private String host = "testserver";
        private String rootPath = "";
        private Endpoint clientAddress = Endpoint.of("127.0.0.1", 50000);
        private Endpoint serverAddress = Endpoint.of("127.0.0.1", 80);
        private Extensions extensions = Extensions.none().with(Extensions.FULLFLUSH)
                .with(Extensions.WEBSOCKET_HTTP_RESPONSE);
        private Headers defaultHeaders = Headers.empty();
        private State state = new State();

        private Builder(Application app) {
            this.app = Objects.requireNonNull(app, "app");
        }

        /** How long each wait lasts (default 5 s). */
        public Builder timeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + value);
            }
            this.timeout = value;
            return this;
        }

        /** Whether application exceptions reach the test (default) or become what a server would send. */
        public Builder raiseAppExceptions(boolean value) {
            this.raiseAppExceptions = value;
            return this;
        }

        /**
         * Whether the application is called on the test's own thread instead of a new virtual thread per request,
         * WebSocket, stream or lifespan (default: no). That saves the thread start and the hand-offs between test
         * and application, most of a round trip's cost, and suits any application that does not block inside
         * {@code call}: async applications, and blocking handlers made with {@code Blocking.app}, which start
         * their own thread. An application that waits there for a {@code receive} the test has not answered fails
         * at once with an {@link IllegalStateException}; one that sleeps or loops inside {@code call} holds the
         * test's thread, and the client's timeout cannot interrupt it: use the default for those.
         */
        public Builder runInline(boolean value) {
            this.runInline = value;
            return this;
        }

        /** Whether 301, 302, 303, 307 and 308 responses are followed (default: no). */
        public Builder followRedirects(boolean value) {
            this.followRedirects = value;
            return this;
        }

        /** Whether requests arrive as over TLS: schemes https and wss, and the {@code tls} extension. */
        public Builder secure(boolean value) {
            this.secure = value;
            if (value && serverAddress.port().orElse(-1) == 80) {
                serverAddress = Endpoint.of(serverAddress.host(), 443);
            }
            return this;
        }

        /** The {@code host} header requests carry (default {@code testserver}). */
        public Builder host(String value) {
            if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c >= 0x7F)) {
                throw new IllegalArgumentException("host must be non-empty visible ASCII, got '" + value + "'");
            }
            this.host = value;
            return this;
        }

        /** The scopes' {@code root_path} (default empty). */
        public Builder rootPath(String value) {
            this.rootPath = value;
            return this;
        }

        /** The scopes' {@code client} address (default 127.0.0.1:50000). */
        public Builder clientAddress(Endpoint value) {
            this.clientAddress = Objects.requireNonNull(value, "clientAddress");
            return this;
        }

        /** The scopes' {@code server} address (default 127.0.0.1:80, or :443 when secure). */
        public Builder serverAddress(Endpoint value) {
            this.serverAddress = Objects.requireNonNull(value, "serverAddress");
            return this;
        }

        /** The extensions advertised (default: {@code fullflush} and {@code websocket.http.response}). */
        public Builder extensions(Extensions value) {
            this.extensions = Objects.requireNonNull(value, "extensions");
            return this;
        }

        /** A header every request carries. */
        public Builder defaultHeader(String name, String value) {
            this.defaultHeaders = defaultHeaders.with(name, value);
            return this;
        }

        /** The lifespan state namespace to start from (default: empty). */
        public Builder state(State value) {
            this.state = Objects.requireNonNull(value, "state");
            return this;
        }

        /** @return the client */
        public TestClient build() {
            new org.pagi.spec.server.ConnectionInfo(secure, Optional.of(clientAddress), Optional.of(serverAddress),
                    rootPath); // validates rootPath now, with its own message
            return new TestClient(this);
        }
    }
}
