package org.pagi.middleware;

import java.util.function.Consumer;

/**
 * The stack {@code middleware/README.md} recommends ("Recommended order"), outermost first, one line per middleware,
 * configured as a deployment behind one local reverse proxy would configure it. The tests that run applications
 * behind "the full recommended stack" build it here, so a middleware added to the recommendation is one line.
 */
final class RecommendedStack {
    /** The one origin CORS allows, with credentials (the session cookie). */
    static final String ORIGIN = "https://app.example";
    /** The reverse proxy the tests pose as: they connect from loopback and say who the client was. */
    static final String PROXY = "127.0.0.1";

    /** The CSRF secret (32 bytes or more, as {@code Csrf} requires). */
    static final String CSRF_SECRET = "recommended-stack-csrf-secret-0123456789";

    private RecommendedStack() {
    }

    /**
     * @param metrics   the metrics instance, so the routes can carry its {@code routeTag()} and a test can scrape it
     * @param accessLog where each access log line goes ({@code compact} format, request id and duration)
     * @return the recommended stack, ready for {@code build(app)}
     */
    static MiddlewareStack.Builder builder(Metrics metrics, Consumer<String> accessLog) {
        return MiddlewareStack.builder()
                .enable(ProxyHeaders.builder().trustedProxy(PROXY).build())
                .enable(RequestId.builder().build())
                .enable(AccessLog.builder().format("compact").sink(accessLog).build())
                .enable(metrics)
                .enable(Cors.builder().origins(ORIGIN).credentials(true).build())
                .enable(Session.builder().build())
                .enable(Csrf.builder().secret(CSRF_SECRET).trustedOrigin(ORIGIN).build())
                .enable(Compression.builder().build())
                .enable(ErrorHandler.builder().build());
    }
}
