package org.pagi.middleware;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.pagi.spec.Application;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.routing.Middleware;

/**
 * Adds security-related response headers to http responses, each only when the application did not set that
 * header itself (upstream adds them unconditionally, so an app could not loosen one route's frame policy).
 *
 * <p>Defaults, as upstream: {@code X-Frame-Options: SAMEORIGIN}, {@code X-Content-Type-Options: nosniff},
 * {@code Referrer-Policy: strict-origin-when-cross-origin}; and {@code X-XSS-Protection: 0}, where upstream sends
 * {@code 1; mode=block}: the old browser filter it enables could itself be abused to leak data, so current advice
 * is to turn it off. {@code Content-Security-Policy}, {@code Permissions-Policy}, {@code Cross-Origin-Opener-Policy}
 * and {@code Cross-Origin-Resource-Policy} are options. HSTS belongs to {@link HttpsRedirect}. Acts on http
 * scopes; events other than {@code http.response.start} are forwarded as they are.
 */
public final class SecurityHeaders implements Middleware {

    /** @param headers the header fields to add, lower-case names, in order */
    public record Config(List<Header> headers) {
        /** Copies the list. */
        public Config {
            headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
        }
    }

    private final Config config;

    private SecurityHeaders(Config config) {
        this.config = config;
    }

    /** @return a builder with the defaults above */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the middleware with the defaults */
    public static SecurityHeaders defaults() {
        return builder().build();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope)) {
                return next.call(scope, receive, send);
            }
            return next.call(scope, receive, event -> send.send(
                    event instanceof HttpResponseStart start ? withDefaults(start) : event));
        };
    }

    private HttpResponseStart withDefaults(HttpResponseStart start) {
        Headers.Builder out = null;
        for (Header h : config.headers()) {
            if (!start.headers().contains(h.name())) {
                if (out == null) {
                    out = Headers.builder().addAll(start.headers());
                }
                out.add(h);
            }
        }
        return out == null ? start : new HttpResponseStart(start.status(), out.build(), start.trailers());
    }

    /** Sets or turns off each header. Not thread-safe; build once. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        private Builder() {
            values.put("x-frame-options", "SAMEORIGIN");
            values.put("x-content-type-options", "nosniff");
            values.put("x-xss-protection", "0");
            values.put("referrer-policy", "strict-origin-when-cross-origin");
        }

        /**
         * @param value {@code DENY} or {@code SAMEORIGIN} (default); {@code null} leaves the header out
         * @return this builder
         */
        public Builder xFrameOptions(String value) {
            if (value != null && !value.equalsIgnoreCase("DENY") && !value.equalsIgnoreCase("SAMEORIGIN")) {
                throw new IllegalArgumentException("xFrameOptions must be DENY or SAMEORIGIN (ALLOW-FROM is ignored"
                        + " by browsers: use contentSecurityPolicy frame-ancestors), got '" + value + "'");
            }
            return set("x-frame-options", value == null ? null : value.toUpperCase(Locale.ROOT), "xFrameOptions");
        }

        /**
         * @param value {@code nosniff} (default); {@code null} leaves the header out
         * @return this builder
         */
        public Builder xContentTypeOptions(String value) {
            return set("x-content-type-options", value, "xContentTypeOptions");
        }

        /**
         * @param value {@code 0} (default); {@code null} leaves the header out
         * @return this builder
         */
        public Builder xXssProtection(String value) {
            return set("x-xss-protection", value, "xXssProtection");
        }

        /**
         * @param value e.g. {@code no-referrer}; default {@code strict-origin-when-cross-origin}; {@code null} off
         * @return this builder
         */
        public Builder referrerPolicy(String value) {
            return set("referrer-policy", value, "referrerPolicy");
        }

        /**
         * @param value the policy, e.g. {@code default-src 'self'}; default none
         * @return this builder
         */
        public Builder contentSecurityPolicy(String value) {
            return set("content-security-policy", value, "contentSecurityPolicy");
        }

        /**
         * @param value e.g. {@code geolocation=(), camera=()}; default none
         * @return this builder
         */
        public Builder permissionsPolicy(String value) {
            return set("permissions-policy", value, "permissionsPolicy");
        }

        /**
         * @param value e.g. {@code same-origin}; default none
         * @return this builder
         */
        public Builder crossOriginOpenerPolicy(String value) {
            return set("cross-origin-opener-policy", value, "crossOriginOpenerPolicy");
        }

        /**
         * @param value e.g. {@code same-origin}; default none
         * @return this builder
         */
        public Builder crossOriginResourcePolicy(String value) {
            return set("cross-origin-resource-policy", value, "crossOriginResourcePolicy");
        }

        private Builder set(String name, String value, String option) {
            if (value == null) {
                values.remove(name);
                return this;
            }
            if (value.isBlank() || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f || c > 0xff)) {
                throw new IllegalArgumentException(option + ": not a valid header value: '" + value + "'");
            }
            values.put(name, value.strip());
            return this;
        }

        /** @return the middleware */
        public SecurityHeaders build() {
            return new SecurityHeaders(new Config(values.entrySet().stream()
                    .map(e -> Header.of(e.getKey(), e.getValue())).toList()));
        }
    }
}
