package org.pagi.middleware;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.SseScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseChannel;
import org.pagi.spec.event.HttpResponseFile;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Router;
import org.pagi.wrappers.routing.Refusal;

/**
 * Prometheus metrics for the application behind it, in the text exposition format 0.0.4:
 * {@code http_requests_total{method,route,status}}, {@code http_request_duration_seconds{method,route}} (a
 * histogram, from the call to the end of the response, streams included), {@code http_requests_in_flight},
 * {@code http_response_size_bytes_total{method,route}}, {@code websocket_connections_open} and
 * {@code sse_streams_open}.
 *
 * <p>Labels come from bounded sets only, so a scanner cannot create series: the method is one of GET, HEAD, POST,
 * PUT, PATCH, DELETE, OPTIONS or {@code other}; the status is its class ({@code 2xx}) unless
 * {@code statusCodes(true)}; the route is the matched route's template. The router sets {@link Router#ROUTE} on the
 * scope copy it gives the route, which this middleware, outside it, never sees: so it puts a slot in the scope
 * (copies keep it) and {@link #routeTag()}, given to the router's routes (for example as a group middleware),
 * writes the template into it, behind the prefixes of the mounts the request went through ({@code /api/users/{id}}
 * for a router mounted at {@code /api}). A request no tagged route answered is labelled {@code <unmatched>}.
 *
 * <p>The exposition is served on {@code GET}/{@code HEAD} of the configured path (default {@code /metrics}, not
 * counted itself), or by {@link #app()} wherever it is mounted. Events are forwarded one by one, nothing buffered.
 */
public final class Metrics implements Middleware {

    /** Scope attribute: the slot {@link #routeTag()} fills with the route template. */
    public static final String ROUTE_SLOT = "pagi.metrics.route";
    /** The route label of a request no tagged route answered. */
    public static final String UNMATCHED = "<unmatched>";
    /** Default histogram buckets in seconds, those of the Prometheus client libraries. */
    public static final double[] DEFAULT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final Config config;
    private final MetricsRegistry registry = new MetricsRegistry();
    private final MetricsRegistry.Counter requests;
    private final MetricsRegistry.Histogram duration;
    private final MetricsRegistry.Gauge inFlight;
    private final MetricsRegistry.Counter responseBytes;
    private final MetricsRegistry.Gauge websockets;
    private final MetricsRegistry.Gauge sseStreams;

    private Metrics(Config config) {
        this.config = config;
        requests = registry.counter("http_requests_total", "HTTP requests answered.", "method", "route", "status");
        duration = registry.histogram("http_request_duration_seconds",
                "Time from the call to the end of the response.", config.buckets(), "method", "route");
        inFlight = registry.gauge("http_requests_in_flight", "HTTP requests being answered.");
        responseBytes = registry.counter("http_response_size_bytes_total", "HTTP response body bytes sent.",
                "method", "route");
        websockets = registry.gauge("websocket_connections_open", "Accepted WebSocket connections still open.");
        sseStreams = registry.gauge("sse_streams_open", "Started SSE streams still open.");
    }

    /** @return a builder with the defaults: path {@code /metrics}, {@link #DEFAULT_BUCKETS}, status classes */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configuration this middleware was built with */
    public Config config() {
        return config;
    }

    /**
     * The settings.
     *
     * @param path        where the exposition is served, or empty to serve it only through {@link #app()}
     * @param buckets     histogram upper bounds in seconds, ascending
     * @param statusCodes label with the exact status code instead of its class
     * @param nanoClock   a monotonic nanosecond clock
     */
    public record Config(String path, double[] buckets, boolean statusCodes, LongSupplier nanoClock) {
        /** Checks the values are present and copies the buckets. */
        public Config {
            Objects.requireNonNull(path, "path");
            buckets = buckets.clone();
            Objects.requireNonNull(nanoClock, "nanoClock");
        }

        /** @return a copy of the buckets */
        @Override
        public double[] buckets() {
            return buckets.clone();
        }
    }

    /** @return the current exposition text */
    public String scrape() {
        return registry.render();
    }

    /** @return the number of series held, gauges counting one each: bounded whatever paths are requested */
    public int seriesCount() {
        return registry.seriesCount();
    }

    /** @return an application serving the exposition on {@code GET}/{@code HEAD} of any http path */
    public Application app() {
        return this::expose;
    }

    /**
     * @return the middleware to give the router's routes: it copies {@link Router#ROUTE} from the routed scope
     *         into the slot this middleware put in the scope
     */
    public Middleware routeTag() {
        return next -> (scope, receive, send) -> {
            if (scope instanceof RequestScope r && r.attribute(ROUTE_SLOT).orElse(null) instanceof RouteSlot slot
                    && r.attribute(Router.ROUTE).orElse(null) instanceof String template) {
                slot.route = slot.under(r.rootPath(), template);
            }
            return next.call(scope, receive, send);
        };
    }

    /**
     * The route template of one request, written inside the router and read outside it. A router reached through
     * mounts sees a root path longer than this middleware saw by the mount prefixes (literal, from configuration);
     * they go in front of its template, so {@code /users/{id}} under {@code /api} and under {@code /admin} differ.
     */
    private static final class RouteSlot {
        private final String rootPath;
        volatile String route;

        RouteSlot(String rootPath) {
            this.rootPath = rootPath;
        }

        String under(String routedRootPath, String template) {
            return routedRootPath.startsWith(rootPath) ? routedRootPath.substring(rootPath.length()) + template
                    : template;
        }
    }

    private CompletionStage<Void> expose(Scope scope, Receive receive, Send send) {
        return switch (scope) {
            case HttpScope h when h.method().equals("GET") || h.method().equals("HEAD") ->
                    Response.text(scrape()).withContentType(MetricsRegistry.CONTENT_TYPE).respond(scope, send);
            case HttpScope h -> Refusal.send(h, send, 405, Headers.of("allow", "GET, HEAD",
                    "content-type", "text/plain; charset=utf-8"), "Method Not Allowed");
            case RequestScope r -> Refusal.text(r, send, 404, "Not Found");
            default -> throw new UnsupportedScopeException(scope);
        };
    }

    @Override
    public Application wrap(Application next) {
        Objects.requireNonNull(next, "next");
        return (scope, receive, send) -> switch (scope) {
            case HttpScope h when !config.path().isEmpty() && h.path().equals(config.path()) ->
                    expose(scope, receive, send);
            case HttpScope h -> http(h, receive, send, next);
            case WebSocketScope w -> opened(w, receive, send, next, websockets, WebSocketAccept.class);
            case SseScope s -> opened(s, receive, send, next, sseStreams, SseStart.class);
            default -> next.call(scope, receive, send);
        };
    }

    private CompletionStage<Void> http(HttpScope scope, Receive receive, Send send, Application next) {
        long start = config.nanoClock().getAsLong();
        RouteSlot slot = new RouteSlot(scope.rootPath());
        AtomicInteger status = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        inFlight.add(1);
        Send counting = event -> {
            switch (event) {
                case HttpResponseStart s -> status.set(s.status());
                case HttpResponseBody b -> bytes.addAndGet(b.body().length());
                case HttpResponseFile f -> f.length().ifPresent(bytes::addAndGet);
                case HttpResponseChannel c -> c.length().ifPresent(bytes::addAndGet);
                default -> { }
            }
            return send.send(event);
        };
        return guarded(next, scope.withAttribute(ROUTE_SLOT, slot), receive, counting)
                .whenComplete((v, e) -> {
                    inFlight.add(-1);
                    String method = METHODS.contains(scope.method()) ? scope.method() : "other";
                    String route = slot.route == null ? UNMATCHED : slot.route;
                    int code = status.get() == 0 ? 500 : status.get();
                    String label = config.statusCodes() ? Integer.toString(code) : (code / 100) + "xx";
                    requests.add(1, method, route, label);
                    duration.observe((config.nanoClock().getAsLong() - start) / 1e9, method, route);
                    responseBytes.add(bytes.get(), method, route);
                });
    }

    private static CompletionStage<Void> opened(RequestScope scope, Receive receive, Send send, Application next,
                                                MetricsRegistry.Gauge gauge, Class<?> openingEvent) {
        AtomicBoolean open = new AtomicBoolean();
        Send watching = event -> {
            if (openingEvent.isInstance(event) && open.compareAndSet(false, true)) {
                gauge.add(1);
            }
            return send.send(event);
        };
        return guarded(next, scope, receive, watching).whenComplete((v, e) -> {
            if (open.compareAndSet(true, false)) {
                gauge.add(-1);   // the stream or connection ends when its application returns
            }
        });
    }

    /** Calls {@code next}, turning a synchronous throw into a failed stage so the figures are still recorded. */
    private static CompletionStage<Void> guarded(Application next, Scope scope, Receive receive, Send send) {
        try {
            return next.call(scope, receive, send);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Collects the settings, checking each and naming it when wrong. */
    public static final class Builder {
        private String path = "/metrics";
        private double[] buckets = DEFAULT_BUCKETS;
        private boolean statusCodes;
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        /**
         * @param value the path serving the exposition (default {@code /metrics}); empty to serve it only
         *              through {@link Metrics#app()}
         * @return this builder
         */
        public Builder path(String value) {
            Objects.requireNonNull(value, "path");
            if (!value.isEmpty() && !value.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/' or be empty, got '" + value + "'");
            }
            path = value;
            return this;
        }

        /**
         * @param bounds histogram upper bounds in seconds, finite, positive, strictly ascending, 1 to 50 of them
         *               (default {@link Metrics#DEFAULT_BUCKETS})
         * @return this builder
         */
        public Builder buckets(double... bounds) {
            if (bounds.length == 0 || bounds.length > 50) {
                throw new IllegalArgumentException("buckets: 1 to 50 bounds, got " + bounds.length);
            }
            for (int i = 0; i < bounds.length; i++) {
                if (!(bounds[i] > 0) || Double.isInfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
                    throw new IllegalArgumentException("buckets must be finite, positive and strictly ascending, got "
                            + Arrays.toString(bounds));
                }
            }
            buckets = bounds.clone();
            return this;
        }

        /**
         * @param value label with the exact status code ({@code 404}) instead of its class ({@code 4xx});
         *              default false
         * @return this builder
         */
        public Builder statusCodes(boolean value) {
            statusCodes = value;
            return this;
        }

        /**
         * @param clock a monotonic nanosecond clock, thread-safe (default {@link System#nanoTime()})
         * @return this builder
         */
        public Builder nanoClock(LongSupplier clock) {
            nanoClock = Objects.requireNonNull(clock, "nanoClock");
            return this;
        }

        /** @return the middleware, with its own registry */
        public Metrics build() {
            return new Metrics(new Config(path, buckets, statusCodes, nanoClock));
        }
    }
}
