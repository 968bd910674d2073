package org.pagi.middleware;

import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Application;
import org.pagi.wrappers.request.BodyLimits;
import org.pagi.wrappers.routing.Middleware;

/**
 * Parses JSON request bodies ({@code application/json} or {@code application/...+json}) before the application
 * runs and puts the tree (Map, List, String, Number, Boolean, or {@link JsonBody#NULL} for a JSON {@code null})
 * in the scope attribute {@link #PARSED_BODY} (upstream's {@code pagi.parsed_body}). The body stays readable: the
 * application's own {@code Request} replays it from the wrappers' shared body, so {@code request.json(Type.class)}
 * there decodes without reading again. A body over the limit is answered 413, malformed JSON 400 naming line and
 * column, as the wrappers' {@code Request.json} fails; the application is not called. Requests of other
 * content types (and HEAD, which has no body) pass through untouched; so do websocket, sse and lifespan.
 * The response is never touched.
 */
public final class JsonBody implements Middleware {

    /** Scope attribute holding the parsed JSON tree. */
    public static final String PARSED_BODY = ParsedBody.ATTRIBUTE;

    /** Stands in the scope for a body that is the JSON literal {@code null} (scope attributes cannot be null). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /**
     * @param limits the limits the body is parsed under; empty (default) for the request's own, those of the
     *               scope attribute {@link BodyLimits#ATTRIBUTE} else {@link BodyLimits#DEFAULTS} (1 MiB), so a
     *               {@link BodyLimit} outside sets them
     */
    public record Config(Optional<BodyLimits> limits) {
        /** Refuses null. */
        public Config {
            Objects.requireNonNull(limits, "limits");
        }
    }

    private final Config config;

    private JsonBody(Config config) {
        this.config = config;
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
        return ParsedBody.wrap(next, type -> type.essence().equals("application/json")
                        || type.type().equals("application") && type.subtype().endsWith("+json"),
                (request, limits) -> request.json(Object.class, limits).thenApply(tree -> tree == null ? NULL : tree),
                config.limits().orElse(null));
    }

    /** Collects the options. Not thread-safe; build once. */
    public static final class Builder {
        private BodyLimits limits;

        private Builder() {
        }

        /**
         * @param limits the limits to parse under instead of the request's own
         * @return this builder
         */
        public Builder limits(BodyLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** @return the middleware */
        public JsonBody build() {
            return new JsonBody(new Config(Optional.ofNullable(limits)));
        }
    }
}
