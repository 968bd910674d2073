package org.pagi.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestScope;
import org.pagi.spec.SseScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseStart;
import org.pagi.wrappers.routing.Middleware;

/**
 * Cross-Origin Resource Sharing. Enable it outermost: a preflight ({@code OPTIONS} carrying {@code Origin} and
 * {@code Access-Control-Request-Method}) is answered here with 204 and never reaches routing or authentication;
 * any other {@code OPTIONS} request goes to the application like every other method.
 *
 * <p>On http and sse responses (an {@code EventSource} is a cross-origin GET like any other, and with
 * {@code withCredentials} it needs the same credential headers) an allowed origin gets
 * {@code Access-Control-Allow-Origin}, optionally {@code -Allow-Credentials} and {@code -Expose-Headers}; a
 * disallowed origin, and the opaque origin {@code null}, get no CORS headers and the status the application chose.
 * {@code Vary: Origin} is added to every http and sse response so a shared cache never serves one origin's answer to
 * another. WebSocket and lifespan scopes pass through: browsers do not apply CORS to WebSocket, whose origin check
 * belongs to a WebSocket origin middleware.
 */
public final class Cors implements Middleware {

    private static final String ALLOW_ORIGIN = "access-control-allow-origin";
    private static final String ALLOW_CREDENTIALS = "access-control-allow-credentials";
    private static final String EXPOSE_HEADERS = "access-control-expose-headers";

    private final Config config;

    private Cors(Config config) {
        this.config = config;
    }

    /** @return a builder with upstream's defaults: any origin, no credentials, max age one day */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configuration this middleware was built with */
    public Config config() {
        return config;
    }

    /**
     * The settings, checked by {@link Builder#build()}.
     *
     * @param anyOrigin      answer every origin with {@code *} (never together with credentials)
     * @param origins        origins allowed by exact, case-sensitive match ({@code scheme://host[:port]})
     * @param originMatcher  further origins allowed when this predicate accepts them
     * @param methods        the {@code Access-Control-Allow-Methods} of a preflight answer
     * @param allowHeaders   the {@code Access-Control-Allow-Headers} of a preflight answer
     * @param exposeHeaders  the {@code Access-Control-Expose-Headers} of an actual response (none when empty)
     * @param credentials    send {@code Access-Control-Allow-Credentials: true}
     * @param maxAgeSeconds  the {@code Access-Control-Max-Age} of a preflight answer
     */
    public record Config(boolean anyOrigin, Set<String> origins, Predicate<String> originMatcher,
                         List<String> methods, List<String> allowHeaders, List<String> exposeHeaders,
                         boolean credentials, long maxAgeSeconds) {
        /** Copies the collections; the builder has validated the values. */
        public Config {
            origins = Set.copyOf(origins);
            Objects.requireNonNull(originMatcher, "originMatcher");
            methods = List.copyOf(methods);
            allowHeaders = List.copyOf(allowHeaders);
            exposeHeaders = List.copyOf(exposeHeaders);
        }
    }

    @Override
    public Application wrap(Application next) {
        Objects.requireNonNull(next, "next");
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope || scope instanceof SseScope)) {
                return next.call(scope, receive, send);
            }
            Headers request = ((RequestScope) scope).headers();
            String origin = request.first("origin").orElse(null);
            boolean allowed = origin != null && isAllowed(origin);
            if (scope instanceof HttpScope http && http.method().equals("OPTIONS") && origin != null
                    && request.contains("access-control-request-method")) {
                return send.send(new HttpResponseStart(204, preflight(allowed ? origin : null)))
                        .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.empty())));
            }
            String reflected = allowed ? origin : null;
            return next.call(scope, receive, event -> send.send(decorate(event, reflected)));
        };
    }

    private boolean isAllowed(String origin) {
        if (origin.equals("null")) {
            return false; // sandboxed documents, file: and data: URLs: trusting one trusts them all
        }
        return config.anyOrigin() || config.origins().contains(origin) || config.originMatcher().test(origin);
    }

    private Headers preflight(String origin) {
        Headers.Builder out = Headers.builder();
        if (origin != null) {
            actual(out, origin);
            out.add("access-control-allow-methods", String.join(", ", config.methods()));
            out.add("access-control-allow-headers", String.join(", ", config.allowHeaders()));
            out.add("access-control-max-age", Long.toString(config.maxAgeSeconds()));
        }
        out.add("vary", "Origin");
        return out.build();
    }

    private void actual(Headers.Builder out, String origin) {
        out.add(ALLOW_ORIGIN, config.anyOrigin() ? "*" : origin);
        if (config.credentials()) {
            out.add(ALLOW_CREDENTIALS, "true");
        }
        if (!config.exposeHeaders().isEmpty()) {
            out.add(EXPOSE_HEADERS, String.join(", ", config.exposeHeaders()));
        }
    }

    private Event decorate(Event event, String origin) {
        return switch (event) {
            case HttpResponseStart s -> new HttpResponseStart(s.status(), headers(s.headers(), origin), s.trailers());
            case SseStart s -> new SseStart(s.status(), headers(s.headers(), origin));
            case SseHttpResponseStart s -> new SseHttpResponseStart(s.status(), headers(s.headers(), origin));
            default -> event;
        };
    }

    /** The application's headers, its own CORS answers replaced by ours when the origin is allowed, plus Vary. */
    private Headers headers(Headers app, String origin) {
        Headers.Builder out = Headers.builder();
        for (var h : app) {
            if (origin == null || !(h.name().equals(ALLOW_ORIGIN) || h.name().equals(ALLOW_CREDENTIALS)
                    || h.name().equals(EXPOSE_HEADERS))) {
                out.add(h);
            }
        }
        if (origin != null) {
            actual(out, origin);
        }
        if (!variesByOrigin(app)) {
            out.add("vary", "Origin");
        }
        return out.build();
    }

    private static boolean variesByOrigin(Headers headers) {
        for (String vary : headers.all("vary")) {
            for (String name : vary.split(",")) {
                String n = name.trim();
                if (n.equals("*") || n.equalsIgnoreCase("origin")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Collects the settings; {@link #build()} refuses insecure or contradictory ones, naming the option. */
    public static final class Builder {
        private boolean anyOrigin = true;
        private final List<String> origins = new ArrayList<>();
        private Predicate<String> originMatcher = o -> false;
        private boolean matcherSet;
        private boolean originsGiven;
        private List<String> methods = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
        private List<String> allowHeaders = List.of("Content-Type", "Authorization", "X-Requested-With");
        private List<String> exposeHeaders = List.of();
        private boolean credentials;
        private long maxAgeSeconds = 86_400;

        private Builder() {
        }

        /**
         * Allows these exact origins ({@code https://app.example.com}) instead of any origin.
         *
         * @param values origins, each {@code scheme://host[:port]}, or {@code *} for any origin
         * @return this builder
         */
        public Builder origins(String... values) {
            origins.clear();
            anyOrigin = false;
            originsGiven = true;
            for (String v : values) {
                Objects.requireNonNull(v, "origins");
                if (v.equals("*")) {
                    anyOrigin = true;
                } else if (v.equals("null")) {
                    throw new IllegalArgumentException("origins: 'null' is the opaque origin of sandboxed and file:"
                            + " documents; allowing it allows all of them");
                } else if (!v.matches("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s,]+")) {
                    throw new IllegalArgumentException("origins: '" + v + "' is not scheme://host[:port]");
                } else {
                    origins.add(v);
                }
            }
            return this;
        }

        /**
         * Also allows origins this predicate accepts (for example every subdomain); called per request, so it must
         * be thread-safe. Setting it turns off the default "any origin"; an explicit {@code origins("*")} stays.
         *
         * @param matcher decides on an origin the exact list did not allow
         * @return this builder
         */
        public Builder originMatcher(Predicate<String> matcher) {
            originMatcher = Objects.requireNonNull(matcher, "originMatcher");
            matcherSet = true;
            if (!originsGiven) {
                anyOrigin = false;
            }
            return this;
        }

        /**
         * @param values the methods a preflight answer allows (default GET, POST, PUT, DELETE, PATCH, OPTIONS)
         * @return this builder
         */
        public Builder methods(String... values) {
            methods = tokens("methods", values);
            return this;
        }

        /**
         * @param values request headers a preflight answer allows (default Content-Type, Authorization,
         *               X-Requested-With)
         * @return this builder
         */
        public Builder allowHeaders(String... values) {
            allowHeaders = tokens("allowHeaders", values);
            return this;
        }

        /**
         * @param values response headers the browser lets scripts read (default none)
         * @return this builder
         */
        public Builder exposeHeaders(String... values) {
            exposeHeaders = tokens("exposeHeaders", values);
            return this;
        }

        /**
         * @param value whether cookies and HTTP authentication may be sent cross-origin (default false)
         * @return this builder
         */
        public Builder credentials(boolean value) {
            credentials = value;
            return this;
        }

        /**
         * @param seconds how long a browser may cache a preflight answer (default 86400)
         * @return this builder
         */
        public Builder maxAgeSeconds(long seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("maxAgeSeconds must be >= 0, got " + seconds);
            }
            maxAgeSeconds = seconds;
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalStateException when credentials are combined with a wildcard: browsers reject
         *                               {@code *} on a credentialed response, and reflecting every origin instead
         *                               would let any site act with the user's cookies
         */
        public Cors build() {
            if (credentials) {
                if (anyOrigin) {
                    throw new IllegalStateException("credentials(true) cannot be combined with origins(\"*\"):"
                            + " list the trusted origins or set an originMatcher");
                }
                for (var list : List.of(methods, allowHeaders, exposeHeaders)) {
                    if (list.contains("*")) {
                        String option = list == methods ? "methods" : list == allowHeaders ? "allowHeaders"
                                : "exposeHeaders";
                        throw new IllegalStateException("credentials(true) cannot be combined with " + option
                                + "(\"*\"): with credentials browsers read '*' literally; list the names");
                    }
                }
            }
            if (!anyOrigin && origins.isEmpty() && !matcherSet) {
                throw new IllegalStateException("origins: no origin is allowed; give origins or an originMatcher");
            }
            return new Cors(new Config(anyOrigin, Set.copyOf(origins), originMatcher, methods, allowHeaders,
                    exposeHeaders, credentials, maxAgeSeconds));
        }

        private static List<String> tokens(String option, String... values) {
            List<String> out = new ArrayList<>(values.length);
            for (String v : values) {
                Objects.requireNonNull(v, option);
                if (!v.equals("*") && !Tokens.isToken(v)) {
                    throw new IllegalArgumentException(option + ": '" + v + "' is not a header or method token");
                }
                out.add(option.equals("methods") ? v.toUpperCase(Locale.ROOT) : v);
            }
            return List.copyOf(out);
        }
    }
}
