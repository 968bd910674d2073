package org.pagi.middleware;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Refusal;

/**
 * HTTP Basic authentication (RFC 7617). A request to a guarded path without valid credentials gets 401 with
 * {@code WWW-Authenticate: Basic realm="...", charset="UTF-8"}; a valid one reaches the application with an
 * {@link Identity} (scheme {@code basic}, the user name) in the scope attribute {@value Identity#ATTRIBUTE}.
 * Credentials are checked by a function, or against users given to the builder, compared in constant time
 * ({@code MessageDigest.isEqual} over SHA-256 digests, so neither length nor a matching prefix shows in the
 * timing). Acts on http, websocket (denied before the handshake) and sse; lifespan passes. Send it only over TLS:
 * the password crosses the wire in base64.
 */
public final class AuthBasic implements Middleware {

    /**
     * @param authenticator given the user name and password, whether they are valid; must not block
     * @param realm         the realm in the challenge (default {@code Restricted})
     * @param paths         guarded path prefixes (default none: every path)
     * @param exclude       prefixes left open even under {@code paths} (default none)
     */
    public record Config(BiPredicate<String, String> authenticator, String realm, List<String> paths,
                         List<String> exclude) {
        /** Checks the options, naming the one refused. */
        public Config {
            Objects.requireNonNull(authenticator, "authenticator");
            realm = AuthPaths.checkRealm(Objects.requireNonNull(realm, "realm"));
            paths = new AuthPaths(paths, exclude).protect();
            exclude = List.copyOf(exclude);
        }
    }

    private final Config config;
    private final AuthPaths guarded;
    private final String challenge;

    private AuthBasic(Config config) {
        this.config = config;
        this.guarded = new AuthPaths(config.paths(), config.exclude());
        this.challenge = "Basic realm=\"" + config.realm() + "\", charset=\"UTF-8\"";
    }

    /** @return a builder; an authenticator or at least one user is required */
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
            Optional<String> user = AuthPaths.credentials(rs, "basic").flatMap(this::check);
            if (user.isEmpty()) {
                return Refusal.send(rs, send, 401, Headers.of("content-type", "text/plain; charset=utf-8",
                        "www-authenticate", challenge), "Unauthorized");
            }
            return next.call(rs.withAttribute(Identity.ATTRIBUTE, new Identity("basic", user.get(), Map.of())),
                    receive, send);
        };
    }

    /** @return the user name when the base64 {@code user:password} is valid */
    private Optional<String> check(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String name = decoded.substring(0, colon);
        try {
            return config.authenticator().test(name, decoded.substring(colon + 1)) ? Optional.of(name)
                    : Optional.empty();
        } catch (RuntimeException failed) {
            return Optional.empty();   // as upstream: a failing check is a refusal, not a 500
        }
    }

    /** SHA-256 of the UTF-8 text: equal-length inputs for {@code MessageDigest.isEqual}. */
    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Collects the options. Not thread-safe; build once. */
    public static final class Builder {
        private BiPredicate<String, String> authenticator;
        private final Map<String, byte[]> users = new HashMap<>();
        private String realm = "Restricted";
        private final List<String> paths = new ArrayList<>();
        private final List<String> exclude = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param check given the user name and password, whether they are valid (compare secrets in constant
         *              time, e.g. with {@code MessageDigest.isEqual}); must not block
         * @return this builder
         */
        public Builder authenticator(BiPredicate<String, String> check) {
            authenticator = Objects.requireNonNull(check, "authenticator");
            return this;
        }

        /**
         * @param name     a user name (no ':')
         * @param password its password, kept only as a SHA-256 digest
         * @return this builder
         */
        public Builder user(String name, String password) {
            Objects.requireNonNull(name, "user");
            Objects.requireNonNull(password, "user password");
            if (name.indexOf(':') >= 0) {
                throw new IllegalArgumentException("user: a Basic user name cannot contain ':', got '" + name + "'");
            }
            users.put(name, sha256(password));
            return this;
        }

        /**
         * @param value the realm in the challenge (default {@code Restricted})
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
        public AuthBasic build() {
            if ((authenticator == null) == users.isEmpty()) {
                throw new IllegalArgumentException("authenticator: give either an authenticator or users, "
                        + (authenticator == null ? "got neither" : "not both"));
            }
            return new AuthBasic(new Config(authenticator != null ? authenticator : table(Map.copyOf(users)),
                    realm, paths, exclude));
        }

        /** Looks every name up and always compares a digest, so an unknown user takes as long as a known one. */
        private static BiPredicate<String, String> table(Map<String, byte[]> users) {
            byte[] absent = sha256("\0no such user");
            return (name, password) -> {
                byte[] expected = users.get(name);
                boolean same = MessageDigest.isEqual(expected == null ? absent : expected, sha256(password));
                return expected != null && same;
            };
        }
    }
}
