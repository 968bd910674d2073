package org.pagi.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Send;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Refusal;

/**
 * Bearer token authentication (RFC 6750). A request to a guarded path without a valid token gets 401 with
 * {@code WWW-Authenticate: Bearer realm="..."} (plus {@code error="invalid_token"} when a token was given but
 * refused; the reason is not told to the client); a valid one reaches the application with an {@link Identity}
 * (scheme {@code bearer}, the {@code sub} claim, all claims) in the scope attribute {@value Identity#ATTRIBUTE}.
 * Tokens are checked by a {@link Jwt.Verifier} (HS256, RS256, ES256 with keys fixed by configuration) or by a
 * custom {@link Validator}. Acts on http, websocket (denied before the handshake) and sse; lifespan passes.
 */
public final class AuthBearer implements Middleware {
    /** RFC 6750's b64token. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    /** Checks a token: its claims when valid, empty (or an exception) when not. Must not block; thread-safe. */
    @FunctionalInterface
    public interface Validator {
        /**
         * @param token the bearer token as sent
         * @return the token's claims when it is valid, else empty; an exception also refuses it
         */
        Optional<Map<String, Object>> validate(String token);
    }

    /**
     * @param validator checks each token
     * @param realm     the realm in the challenge (default {@code Bearer}, as upstream)
     * @param paths     guarded path prefixes (default none: every path)
     * @param exclude   prefixes left open even under {@code paths} (default none)
     */
    public record Config(Validator validator, String realm, List<String> paths, List<String> exclude) {
        /** Checks the options, naming the one refused. */
        public Config {
            Objects.requireNonNull(validator, "validator");
            realm = AuthPaths.checkRealm(Objects.requireNonNull(realm, "realm"));
            paths = new AuthPaths(paths, exclude).protect();
            exclude = List.copyOf(exclude);
        }
    }

    private final Config config;
    private final AuthPaths guarded;

    private AuthBearer(Config config) {
        this.config = config;
        this.guarded = new AuthPaths(config.paths(), config.exclude());
    }

    /** @return a builder; a JWT verifier or a validator is required */
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
            if (!(scope instanceof RequestScope rs) || !guarded.guards(rs.path())) {
                return next.call(scope, receive, send);
            }
            Optional<String> token = AuthPaths.credentials(rs, "bearer");
            if (token.isEmpty()) {
                return refuse(rs, send, "", "Token required");
            }
            if (!TOKEN.matcher(token.get()).matches()) {
                return refuse(rs, send, ", error=\"invalid_request\"", "Invalid authorization header");
            }
            Optional<Map<String, Object>> claims = validate(token.get());
            if (claims.isEmpty()) {
                return refuse(rs, send, ", error=\"invalid_token\"", "Invalid token");
            }
            Object sub = claims.get().get("sub");
            Identity who = new Identity("bearer", sub instanceof String s ? s : "", claims.get());
            return next.call(rs.withAttribute(Identity.ATTRIBUTE, who), receive, send);
        };
    }

    private Optional<Map<String, Object>> validate(String token) {
        try {
            return Objects.requireNonNullElse(config.validator().validate(token), Optional.empty());
        } catch (RuntimeException refused) {
            return Optional.empty();
        }
    }

    private CompletionStage<Void> refuse(RequestScope rs, Send send, String error, String body) {
        return Refusal.send(rs, send, 401, Headers.of("content-type", "text/plain; charset=utf-8",
                "www-authenticate", "Bearer realm=\"" + config.realm() + "\"" + error), body);
    }

    /** Collects the options. Not thread-safe; build once. */
    public static final class Builder {
        private Validator validator;
        private String realm = "Bearer";
        private final List<String> paths = new ArrayList<>();
        private final List<String> exclude = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param verifier checks JWTs: keys, expiry, issuer, audience
         * @return this builder
         */
        public Builder jwt(Jwt.Verifier verifier) {
            Objects.requireNonNull(verifier, "jwt");
            return validator(token -> Optional.of(verifier.verify(token)));
        }

        /**
         * @param check a custom token check (opaque tokens, introspection results cached by the application)
         * @return this builder
         */
        public Builder validator(Validator check) {
            if (validator != null) {
                throw new IllegalArgumentException("validator: a JWT verifier or a validator was already given");
            }
            validator = Objects.requireNonNull(check, "validator");
            return this;
        }

        /**
         * @param value the realm in the challenge (default {@code Bearer})
         * @return this builder
         */
        public Builder realm(String value) {
            realm = Objects.requireNonNull(value, "realm");
            return this;
        }

        /**
         * @param prefix a guarded path prefix (segment boundary); with none, every path is guarded
         * @return this builder
         */
        public Builder path(String prefix) {
            paths.add(Objects.requireNonNull(prefix, "paths"));
            return this;
        }

        /**
         * @param prefix a path prefix left open (e.g. {@code /health})
         * @return this builder
         */
        public Builder exclude(String prefix) {
            exclude.add(Objects.requireNonNull(prefix, "exclude"));
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalArgumentException naming the option when the configuration is refused
         */
        public AuthBearer build() {
            if (validator == null) {
                throw new IllegalArgumentException("validator: give a JWT verifier (jwt) or a validator");
            }
            return new AuthBearer(new Config(validator, realm, paths, exclude));
        }
    }
}
