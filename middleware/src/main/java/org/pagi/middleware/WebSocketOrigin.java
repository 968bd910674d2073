package org.pagi.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.pagi.spec.Application;
import org.pagi.spec.WebSocketScope;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.websocket.OriginCheck;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * Refuses WebSocket handshakes whose {@code Origin} is not on an allow-list, the defence against cross-site
 * WebSocket hijacking (a page on another site opening a socket that carries the user's cookies; browsers apply
 * no same-origin policy to WebSockets). The check is the wrappers' {@link OriginCheck}: exact
 * {@code scheme://host[:port]} origins, default ports ignored, a repeated or {@code null} {@code Origin} refused,
 * a missing one refused unless {@code allowMissingOrigin} (only non-browser clients omit it). A refused handshake
 * gets a 403 denial response naming the origin, or a {@code websocket.close} before accept (which the server
 * answers with 403) when the server offers no denial extension; the application is not called. Acts on websocket
 * scopes; http, sse and lifespan pass through.
 */
public final class WebSocketOrigin implements Middleware {

    /**
     * @param allowedOrigins     origins allowed to open a socket, at least one
     * @param allowMissingOrigin whether a handshake without {@code Origin} passes (default false)
     */
    public record Config(List<String> allowedOrigins, boolean allowMissingOrigin) {
        /** Refuses an empty list and entries that are not origins, naming the option. */
        public Config {
            allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
            if (allowedOrigins.isEmpty()) {
                throw new IllegalArgumentException("allowedOrigins must name at least one origin"
                        + " (scheme://host[:port]); an empty list would refuse every browser");
            }
        }
    }

    private final Config config;
    private final OriginCheck check;

    private WebSocketOrigin(Config config) {
        this.config = config;
        OriginCheck c;
        try {
            c = OriginCheck.allowing(config.allowedOrigins().toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allowedOrigins: " + e.getMessage(), e);
        }
        this.check = config.allowMissingOrigin() ? c.allowingMissingOrigin() : c;
    }

    /** @return a builder; at least one {@link Builder#allow(String)} is required */
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
            if (!(scope instanceof WebSocketScope)) {
                return next.call(scope, receive, send);
            }
            // Only the headers are read; a passing handshake reaches the application with the untouched channel.
            return check.enforce(WebSocket.of(scope, receive, send)).thenCompose(passed -> passed
                    ? next.call(scope, receive, send)
                    : CompletableFuture.completedFuture(null));
        };
    }

    /** Collects the options. Not thread-safe; build once. */
    public static final class Builder {
        private final List<String> origins = new ArrayList<>();
        private boolean allowMissing;

        private Builder() {
        }

        /**
         * @param origin an origin allowed to open a socket, {@code scheme://host[:port]}
         * @return this builder
         */
        public Builder allow(String origin) {
            origins.add(Objects.requireNonNull(origin, "origin"));
            return this;
        }

        /**
         * @param on whether a handshake without an {@code Origin} header (a non-browser client) passes (default
         *           false)
         * @return this builder
         */
        public Builder allowMissingOrigin(boolean on) {
            allowMissing = on;
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalArgumentException naming {@code allowedOrigins} when it is empty or holds a non-origin
         */
        public WebSocketOrigin build() {
            return new WebSocketOrigin(new Config(origins, allowMissing));
        }
    }
}
