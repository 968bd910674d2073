package org.pagi.middleware;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.wrappers.http.Accept;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Refusal;
import org.pagi.wrappers.routing.PathPrefixes;

/**
 * Answers 503 while maintenance is on, with {@code Retry-After} when configured and a body chosen by
 * {@code Accept}: JSON for clients preferring {@code application/json}, else an HTML page. Clients whose resolved
 * address (after {@link ProxyHeaders}) is in a bypass CIDR range, and paths under a bypass prefix (segment
 * boundary), are served as usual. Maintenance is toggled at run time by a condition read per request: a flag the
 * application flips, or the existence of a file. Acts on http, websocket and sse; lifespan always passes, so the
 * application still starts and stops.
 */
public final class Maintenance implements Middleware {

    /**
     * @param on             read per request: whether maintenance is on
     * @param retryAfter     the {@code Retry-After} value; empty sends none (the default, as upstream)
     * @param bypassClients  client ranges served as usual
     * @param bypassPrefixes path prefixes served as usual
     * @param html           the page for browsers
     * @param message        the message in the JSON body
     */
    public record Config(BooleanSupplier on, Optional<Duration> retryAfter, List<Cidr> bypassClients,
                         List<String> bypassPrefixes, String html, String message) {
        /** Checks the options, naming the one refused. */
        public Config {
            Objects.requireNonNull(on, "on");
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(html, "html");
            Objects.requireNonNull(message, "message");
            bypassClients = List.copyOf(bypassClients);
            bypassPrefixes = PathPrefixes.check(bypassPrefixes, "bypassPrefixes");
            if (retryAfter.isPresent() && (retryAfter.get().isNegative() || retryAfter.get().isZero())) {
                throw new IllegalArgumentException("retryAfter must be positive, got " + retryAfter.get());
            }
        }
    }

    private static final String DEFAULT_HTML = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Maintenance</title></head>
            <body><h1>Down for maintenance</h1><p>We will be back shortly. Please try again later.</p></body></html>
            """;

    private final Config config;

    private Maintenance(Config config) {
        this.config = config;
    }

    /** @return a builder: maintenance off until a flag or file is given */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> {
            if (!(scope instanceof RequestScope rs) || !config.on().getAsBoolean() || bypassed(rs)) {
                return next.call(scope, receive, send);
            }
            Headers headers = config.retryAfter().map(d -> Headers.of("retry-after", Long.toString(d.toSeconds())))
                    .orElse(Headers.empty()).with("cache-control", "no-store");
            if (prefersJson(rs)) {
                return Refusal.send(rs, send, 503, headers.with("content-type", "application/json"),
                        "{\"error\":\"maintenance\",\"message\":\"" + jsonEscape(config.message()) + "\"}");
            }
            return Refusal.send(rs, send, 503, headers.with("content-type", "text/html; charset=utf-8"), config.html());
        };
    }

    private boolean bypassed(RequestScope rs) {
        return rs.client().isPresent() && Cidr.anyContains(config.bypassClients(), rs.client().get().host())
                || PathPrefixes.covers(config.bypassPrefixes(), rs.path());
    }

    private static boolean prefersJson(RequestScope rs) {
        try {
            Accept accept = Accept.parse(rs.headers());
            return accept.isPresent() && accept.preferred(List.of("text/html", "application/json"))
                    .filter("application/json"::equals).isPresent();
        } catch (RuntimeException malformed) {
            return false;   // an unreadable Accept gets the page
        }
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Collects the options. Not thread-safe; build once. */
    public static final class Builder {
        private BooleanSupplier on = () -> false;
        private Duration retryAfter;
        private final List<Cidr> bypassClients = new ArrayList<>();
        private final List<String> bypassPrefixes = new ArrayList<>();
        private String html = DEFAULT_HTML;
        private String message = "Service temporarily unavailable for maintenance";

        private Builder() {
        }

        /**
         * @param flag read per request (e.g. an {@code AtomicBoolean::get} the application flips)
         * @return this builder
         */
        public Builder when(BooleanSupplier flag) {
            on = Objects.requireNonNull(flag, "when");
            return this;
        }

        /**
         * @param enabled maintenance on or off for the application's lifetime
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            on = () -> enabled;
            return this;
        }

        /**
         * @param file maintenance is on while this file exists (checked per request: one {@code stat})
         * @return this builder
         */
        public Builder whileFileExists(Path file) {
            Objects.requireNonNull(file, "whileFileExists");
            on = () -> Files.exists(file);
            return this;
        }

        /**
         * @param after the {@code Retry-After} delay, sent in whole seconds (default none)
         * @return this builder
         */
        public Builder retryAfter(Duration after) {
            retryAfter = Objects.requireNonNull(after, "retryAfter");
            return this;
        }

        /**
         * @param range an address or CIDR range of clients served as usual (e.g. the office, {@code 10.0.0.0/8})
         * @return this builder
         */
        public Builder bypassClient(String range) {
            try {
                bypassClients.add(Cidr.parse(range));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bypassClients: " + e.getMessage(), e);
            }
            return this;
        }

        /**
         * @param prefix a path prefix served as usual (e.g. {@code /healthz})
         * @return this builder
         */
        public Builder bypassPath(String prefix) {
            bypassPrefixes.add(Objects.requireNonNull(prefix, "bypassPath"));
            return this;
        }

        /**
         * @param page the HTML page sent to browsers
         * @return this builder
         */
        public Builder html(String page) {
            html = Objects.requireNonNull(page, "html");
            return this;
        }

        /**
         * @param text the message in the JSON body
         * @return this builder
         */
        public Builder message(String text) {
            message = Objects.requireNonNull(text, "message");
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalArgumentException naming the option when the configuration is refused
         */
        public Maintenance build() {
            return new Maintenance(new Config(on, Optional.ofNullable(retryAfter), bypassClients, bypassPrefixes,
                    html, message));
        }
    }
}
