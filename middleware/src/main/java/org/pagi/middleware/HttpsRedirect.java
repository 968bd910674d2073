package org.pagi.middleware;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Refusal;
import org.pagi.wrappers.routing.PathPrefixes;

/**
 * Redirects plain-http requests to https and adds {@code Strict-Transport-Security} to https responses.
 *
 * <p>The redirect keeps the raw path and query; its host is the request's {@code Host} (resolved by
 * {@link ProxyHeaders} when that runs outside) without its port, plus {@code httpsPort} when it is not 443. GET
 * and HEAD get 301 and other methods 308, so a POST is not turned into a GET (upstream sends 301 for every method);
 * with {@code permanent(false)}, 302 and 307. A request without a usable {@code Host} is 400. Paths under an
 * excluded prefix (segment boundary, e.g. a health check the load balancer calls over http) pass through.
 * HSTS (default on: {@code max-age=31536000}) is only ever sent over https, as RFC 6797 requires, and never
 * replaces one the application set. Acts on http scopes; websocket and sse pass through.
 */
public final class HttpsRedirect implements Middleware, CookieSecurityClaims {

    /**
     * @param permanent         301/308 (true, default) or 302/307
     * @param httpsPort         the port https is served on (default 443)
     * @param excludedPrefixes  path prefixes served over http as they are
     * @param hsts              whether to send {@code Strict-Transport-Security} on https responses (default on)
     * @param hstsMaxAge        its {@code max-age} (default one year)
     * @param includeSubDomains its {@code includeSubDomains} (default off)
     * @param preload           its {@code preload} (default off; needs includeSubDomains and a max-age of a year)
     */
    public record Config(boolean permanent, int httpsPort, List<String> excludedPrefixes, boolean hsts,
                         Duration hstsMaxAge, boolean includeSubDomains, boolean preload) {
        /** Refuses contradictory HSTS settings and bad prefixes, naming the option. */
        public Config {
            excludedPrefixes = PathPrefixes.check(Objects.requireNonNull(excludedPrefixes, "excludedPrefixes"),
                    "excludedPrefixes");
            Objects.requireNonNull(hstsMaxAge, "hstsMaxAge");
            if (httpsPort < 1 || httpsPort > 65535) {
                throw new IllegalArgumentException("httpsPort must be 1-65535, got " + httpsPort);
            }
            if (hstsMaxAge.isNegative()) {
                throw new IllegalArgumentException("hstsMaxAge must not be negative, got " + hstsMaxAge);
            }
            if (preload && (!hsts || !includeSubDomains || hstsMaxAge.compareTo(Duration.ofDays(365)) < 0)) {
                throw new IllegalArgumentException("preload needs hsts on, includeSubDomains and hstsMaxAge of at"
                        + " least 365 days (the preload list refuses anything less)");
            }
            if (!hsts && includeSubDomains) {
                throw new IllegalArgumentException("includeSubDomains is an HSTS option, but hsts is off");
            }
        }
    }

    private final Config config;
    private final String hstsValue;

    private HttpsRedirect(Config config) {
        this.config = config;
        this.hstsValue = "max-age=" + config.hstsMaxAge().toSeconds()
                + (config.includeSubDomains() ? "; includeSubDomains" : "") + (config.preload() ? "; preload" : "");
    }

    /** @return a builder with the defaults above */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    /** @return {@code hsts} when it is on, for {@link MiddlewareStack}'s check against cookies without Secure */
    @Override
    public Optional<String> hstsOption() {
        return config.hsts() ? Optional.of("HttpsRedirect option hsts") : Optional.empty();
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                return next.call(scope, receive, send);
            }
            if (http.scheme().equals("https")) {
                return !config.hsts() ? next.call(scope, receive, send) : next.call(scope, receive, event ->
                        send.send(event instanceof HttpResponseStart start && !start.headers()
                                .contains("strict-transport-security")
                                ? new HttpResponseStart(start.status(),
                                        start.headers().with("strict-transport-security", hstsValue), start.trailers())
                                : event));
            }
            if (PathPrefixes.covers(config.excludedPrefixes(), http.path())) {
                return next.call(scope, receive, send);
            }
            Optional<String> host = http.headers().first("host").flatMap(TrustedHosts::name);
            if (host.isEmpty()) {
                return Refusal.text(http, send, 400, "Missing or invalid Host header: cannot redirect to https");
            }
            String query = http.queryString().isEmpty() ? "" : "?" + http.queryString().latin1();
            String location = "https://" + host.get() + (config.httpsPort() == 443 ? "" : ":" + config.httpsPort())
                    + http.rawPath().latin1() + query;
            boolean safe = http.method().equals("GET") || http.method().equals("HEAD");
            int status = config.permanent() ? (safe ? 301 : 308) : (safe ? 302 : 307);
            return Refusal.send(http, send, status, Headers.of("location", location,
                    "content-type", "text/plain; charset=utf-8"), "Redirecting to " + location);
        };
    }

    /** Collects the options. Not thread-safe; build once. */
    public static final class Builder {
        private boolean permanent = true;
        private int httpsPort = 443;
        private final List<String> excluded = new ArrayList<>();
        private boolean hsts = true;
        private Duration maxAge = Duration.ofDays(365);
        private boolean includeSubDomains;
        private boolean preload;

        private Builder() {
        }

        /**
         * @param on 301/308 (default) or 302/307
         * @return this builder
         */
        public Builder permanent(boolean on) {
            permanent = on;
            return this;
        }

        /**
         * @param port the https port for the Location (default 443, then left out)
         * @return this builder
         */
        public Builder httpsPort(int port) {
            httpsPort = port;
            return this;
        }

        /**
         * @param prefix a path prefix (e.g. {@code /healthz}) served over http without a redirect
         * @return this builder
         */
        public Builder exclude(String prefix) {
            excluded.add(Objects.requireNonNull(prefix, "prefix"));
            return this;
        }

        /**
         * @param on whether https responses carry {@code Strict-Transport-Security} (default on)
         * @return this builder
         */
        public Builder hsts(boolean on) {
            hsts = on;
            return this;
        }

        /**
         * @param maxAge HSTS {@code max-age} (default 365 days)
         * @return this builder
         */
        public Builder hstsMaxAge(Duration maxAge) {
            this.maxAge = Objects.requireNonNull(maxAge, "hstsMaxAge");
            return this;
        }

        /**
         * @param on HSTS {@code includeSubDomains} (default off)
         * @return this builder
         */
        public Builder includeSubDomains(boolean on) {
            includeSubDomains = on;
            return this;
        }

        /**
         * @param on HSTS {@code preload} (default off)
         * @return this builder
         */
        public Builder preload(boolean on) {
            preload = on;
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalArgumentException naming the option when the configuration is refused
         */
        public HttpsRedirect build() {
            return new HttpsRedirect(new Config(permanent, httpsPort, excluded, hsts, maxAge, includeSubDomains,
                    preload));
        }
    }
}
