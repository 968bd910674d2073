package org.pagi.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.wrappers.http.Accept;
import org.pagi.wrappers.http.MediaType;
import org.pagi.wrappers.http.MediaTypeParseException;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Refusal;

/**
 * Chooses the response's media type from the request's {@code Accept} among the types the application can
 * produce, and puts it in the scope attribute {@link #PREFERRED} (a {@code String}, as configured) and the parsed
 * header in {@link #ACCEPT}, so handlers branch on one decision instead of parsing the header each. The choice is
 * {@link Accept#preferred(List)}: highest weight, then the more specific range, then configuration order; no
 * {@code Accept} means any type, so the first supported one.
 *
 * <p>When no supported type is acceptable: with {@code strict} the request is answered 406 listing the supported
 * types and the application is not called; without it (the default, as upstream) the application gets
 * {@code defaultType} (default: the first supported type), which RFC 9110 12.5.1 allows. Acts on http scopes;
 * websocket, sse and lifespan pass through.
 */
public final class ContentNegotiation implements Middleware {

    /** Scope attribute holding the chosen media type, one of {@code supportedTypes}. */
    public static final String PREFERRED = "pagi.preferred_content_type";

    /** Scope attribute holding the request's parsed {@link Accept}. */
    public static final String ACCEPT = "pagi.accept";

    /**
     * @param supportedTypes the media types the application produces, most preferred first (required)
     * @param defaultType    the type used when none is acceptable and not strict (default: the first supported)
     * @param strict         whether an unacceptable request is answered 406 (default false)
     */
    public record Config(List<String> supportedTypes, String defaultType, boolean strict) {
        /** Refuses an empty list, wildcards, unparsable types and a default that is not supported. */
        public Config {
            supportedTypes = List.copyOf(Objects.requireNonNull(supportedTypes, "supportedTypes"));
            Objects.requireNonNull(defaultType, "defaultType");
            if (supportedTypes.isEmpty()) {
                throw new IllegalArgumentException("supportedTypes must name at least one media type");
            }
            for (String type : supportedTypes) {
                MediaType parsed;
                try {
                    parsed = MediaType.parse(type);
                } catch (MediaTypeParseException e) {
                    throw new IllegalArgumentException("supportedTypes: not a media type: '" + type + "'", e);
                }
                if (parsed.isWildcard()) {
                    throw new IllegalArgumentException("supportedTypes must be concrete types, got '" + type + "'");
                }
            }
            if (!supportedTypes.contains(defaultType)) {
                throw new IllegalArgumentException("defaultType '" + defaultType + "' must be one of supportedTypes "
                        + supportedTypes);
            }
        }
    }

    private final Config config;
    private final String notAcceptable;

    private ContentNegotiation(Config config) {
        this.config = config;
        this.notAcceptable = "Not Acceptable. Supported types: " + String.join(", ", config.supportedTypes());
    }

    /** @return a builder; at least one {@link Builder#supports(String)} is required */
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
            if (!(scope instanceof HttpScope http)) {
                return next.call(scope, receive, send);
            }
            Accept accept = Accept.parse(http.headers());
            Optional<String> chosen = accept.preferred(config.supportedTypes());
            if (chosen.isEmpty() && config.strict()) {
                return Refusal.text(http, send, 406, notAcceptable);
            }
            return next.call(http.withAttribute(PREFERRED, chosen.orElse(config.defaultType()))
                    .withAttribute(ACCEPT, accept), receive, send);
        };
    }

    /** Collects the options. Not thread-safe; build once. */
    public static final class Builder {
        private final List<String> types = new ArrayList<>();
        private String defaultType;
        private boolean strict;

        private Builder() {
        }

        /**
         * @param mediaType a type the application produces, such as {@code application/json}; call in order of
         *                  preference
         * @return this builder
         */
        public Builder supports(String mediaType) {
            types.add(Objects.requireNonNull(mediaType, "mediaType"));
            return this;
        }

        /**
         * @param mediaType the type chosen when none is acceptable and not strict (default: the first supported)
         * @return this builder
         */
        public Builder defaultType(String mediaType) {
            defaultType = Objects.requireNonNull(mediaType, "defaultType");
            return this;
        }

        /**
         * @param on whether a request accepting none of the supported types is answered 406 (default false)
         * @return this builder
         */
        public Builder strict(boolean on) {
            strict = on;
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalArgumentException naming the option when the configuration is refused
         */
        public ContentNegotiation build() {
            if (types.isEmpty()) {
                throw new IllegalArgumentException("supportedTypes must name at least one media type");
            }
            return new ContentNegotiation(new Config(types, defaultType == null ? types.get(0) : defaultType,
                    strict));
        }
    }
}
