package org.pagi.middleware;

import java.util.List;
import java.util.Objects;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.wrappers.request.BodyLimits;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Refusal;

/**
 * Applies the wrappers' {@link BodyLimits} to a whole application, before routing. A request whose
 * {@code Content-Length} exceeds {@code maxBodyBytes} is answered 413 at once, without calling the application
 * or reading the body; any other request goes on with the limits in the scope attribute {@link BodyLimits#ATTRIBUTE}
 * (exactly what {@link BodyLimits#middleware()} does), so the {@code Request} body methods enforce them while
 * reading a chunked body or one that lies about its length. A route may still narrow or widen them with its own
 * {@code BodyLimits.middleware()}: the innermost wins. Acts on http scopes; websocket, sse and lifespan pass
 * through.
 *
 * <p>An application that reads {@code receive} itself instead of through {@code Request} is only bounded by the
 * {@code Content-Length} check, and by the server's own body limit.
 */
public final class BodyLimit implements Middleware {

    /** @param limits the limits applied (default {@link BodyLimits#DEFAULTS}: 1 MiB body) */
    public record Config(BodyLimits limits) {
        /** Refuses a null limits. */
        public Config {
            Objects.requireNonNull(limits, "limits");
        }
    }

    private final Config config;
    private final Middleware attribute;

    private BodyLimit(Config config) {
        this.config = config;
        this.attribute = config.limits().middleware();
    }

    /** @return a builder with the defaults above */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        Application limited = attribute.wrap(next);
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                return next.call(scope, receive, send);
            }
            List<String> lengths = http.headers().all("content-length");
            long max = config.limits().maxBodyBytes();
            for (String value : lengths) {
                long length;
                try {
                    length = Long.parseLong(value.strip());
                } catch (NumberFormatException e) {
                    return Refusal.text(http, send, 400, "Invalid Content-Length: " + value);
                }
                if (length > max) {
                    return Refusal.text(http, send, 413, "Request body too large: Content-Length " + length
                            + " exceeds the limit of " + max + " bytes");
                }
            }
            return limited.call(http, receive, send);
        };
    }

    /** Collects the options. Not thread-safe; build once. */
    public static final class Builder {
        private BodyLimits limits = BodyLimits.DEFAULTS;

        private Builder() {
        }

        /**
         * @param limits every body limit (default {@link BodyLimits#DEFAULTS})
         * @return this builder
         */
        public Builder limits(BodyLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * @param bytes the whole-body limit, the others unchanged (default 1 MiB)
         * @return this builder
         * @throws IllegalArgumentException naming {@code maxBodyBytes} when negative
         */
        public Builder maxBodyBytes(long bytes) {
            limits = limits.withMaxBodyBytes(bytes);
            return this;
        }

        /** @return the middleware */
        public BodyLimit build() {
            return new BodyLimit(new Config(limits));
        }
    }
}
