package org.pagi.middleware;

import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Application;
import org.pagi.wrappers.http.QueryParams;
import org.pagi.wrappers.request.BodyLimits;
import org.pagi.wrappers.routing.Middleware;

/**
 * Parses {@code application/x-www-form-urlencoded} request bodies before the application runs and puts the
 * fields, a {@link QueryParams}, in the scope attribute {@link #PARSED_BODY} (upstream's
 * {@code pagi.parsed_body}). The body stays readable: the application's own {@code Request} replays it from the
 * wrappers' shared body, so {@code request.form()} there costs nothing. A body over the limits is answered 413, a
 * malformed one 400, as the wrappers' {@code Request.form()} fails; the application is not called. Requests of
 * other content types (and HEAD, which has no body) pass through untouched; so do websocket, sse and lifespan.
 * The response is never touched.
 */
public final class FormBody implements Middleware {

    /** Scope attribute holding the parsed fields, a {@link QueryParams}. */
    public static final String PARSED_BODY = ParsedBody.ATTRIBUTE;

    /**
     * @param limits the limits the body is parsed under; empty (default) for the request's own, those of the
     *               scope attribute {@link BodyLimits#ATTRIBUTE} else {@link BodyLimits#DEFAULTS} (1 MiB, 1000
     *               fields), so a {@link BodyLimit} outside sets them
     */
    public record Config(Optional<BodyLimits> limits) {
        /** Refuses null. */
        public Config {
            Objects.requireNonNull(limits, "limits");
        }
    }

    private final Config config;

    private FormBody(Config config) {
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
        return ParsedBody.wrap(next, type -> type.essence().equals("application/x-www-form-urlencoded"),
                (request, limits) -> request.form(limits), config.limits().orElse(null));
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
        public FormBody build() {
            return new FormBody(new Config(Optional.ofNullable(limits)));
        }
    }
}
