package org.pagi.middleware;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Send;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Refusal;

/**
 * HTTP Digest authentication (RFC 7616), {@code qop=auth}, with SHA-256 and, for old clients, MD5. A request to a
 * guarded path without a valid response gets 401 with one {@code WWW-Authenticate: Digest} challenge per
 * algorithm (SHA-256 first), {@code stale=true} when the nonce had only expired. Nonces are HMAC-signed with a
 * timestamp, so issuing keeps no state; replays are refused by a bounded table of the last {@code nc} per nonce.
 * The user goes into {@link Identity} (scheme {@code digest}) in the scope attribute {@value Identity#ATTRIBUTE}.
 * Only {@code H(user:realm:password)} is kept per user and algorithm. Acts on http, websocket (denied before the
 * handshake) and sse; lifespan passes.
 */
public final class AuthDigest implements Middleware {

    /**
     * @param users      per user name, {@code H(user:realm:password)} in hex per algorithm name
     * @param realm      the realm in the challenge (default {@code Restricted})
     * @param md5        whether MD5 is offered and accepted besides SHA-256 (default true, for old clients)
     * @param nonceTtl   how long a nonce is accepted (default 5 min)
     * @param maxTracked how many nonces the replay table holds (default 10,000)
     * @param secret     the nonce HMAC key, 32 bytes or more (default random per instance; share one between
     *                   instances behind a balancer)
     * @param paths      guarded path prefixes (default none: every path)
     * @param exclude    prefixes left open even under {@code paths} (default none)
     * @param clock      the time source
     */
    public record Config(Map<String, Map<String, String>> users, String realm, boolean md5, Duration nonceTtl,
                         int maxTracked, byte[] secret, List<String> paths, List<String> exclude, Clock clock) {
        /** Checks the options, naming the one refused. */
        public Config {
            users = Map.copyOf(users);
            if (users.isEmpty()) {
                throw new IllegalArgumentException("users: at least one user is required");
            }
            realm = AuthPaths.checkRealm(Objects.requireNonNull(realm, "realm"));
            if (nonceTtl.isNegative() || nonceTtl.isZero()) {
                throw new IllegalArgumentException("nonceTtl: must be positive, got " + nonceTtl);
            }
            if (maxTracked < 1) {
                throw new IllegalArgumentException("maxTracked: at least 1, got " + maxTracked);
            }
            if (secret.length < 32) {
                throw new IllegalArgumentException("secret: at least 32 bytes, got " + secret.length);
            }
            secret = secret.clone();
            paths = new AuthPaths(paths, exclude).protect();
            exclude = List.copyOf(exclude);
            Objects.requireNonNull(clock, "clock");
        }
    }

    private final Config config;
    private final AuthPaths guarded;
    private final DigestNonces nonces;

    private AuthDigest(Config config) {
        this.config = config;
        this.guarded = new AuthPaths(config.paths(), config.exclude());
        this.nonces = new DigestNonces(config.secret(), config.nonceTtl(), config.maxTracked(), config.clock());
    }

    /** @return a builder; at least one user is required */
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
            Optional<Map<String, String>> params = AuthPaths.credentials(rs, "digest").flatMap(AuthDigest::params);
            if (params.isEmpty()) {
                return challenge(rs, send, false);
            }
            Map<String, String> p = params.get();
            String user = p.getOrDefault("username", "");
            Optional<String> valid = responseValid(rs, p);
            if (valid.isEmpty()) {
                return challenge(rs, send, false);
            }
            long nc = Long.parseLong(p.get("nc"), 16);
            return switch (nonces.check(p.get("nonce"), nc)) {
                case OK -> next.call(rs.withAttribute(Identity.ATTRIBUTE, new Identity("digest", user, Map.of())),
                        receive, send);
                case STALE -> challenge(rs, send, true);
                case INVALID, REPLAYED -> challenge(rs, send, false);
            };
        };
    }

    /** @return the user name when every field is present and the response matches the user's password */
    private Optional<String> responseValid(RequestScope rs, Map<String, String> p) {
        String algorithm = p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
        String nc = p.get("nc");
        if (!algorithm.equals("SHA-256") && !(algorithm.equals("MD5") && config.md5())
                || !"auth".equals(p.get("qop")) || nc == null || !nc.matches("[0-9a-fA-F]{8}")
                || p.get("cnonce") == null || p.get("nonce") == null || p.get("response") == null
                || !config.realm().equals(p.get("realm")) || !target(rs).equals(p.get("uri"))) {
            return Optional.empty();
        }
        Map<String, String> ha1s = config.users().get(p.getOrDefault("username", ""));
        String ha1 = ha1s == null ? hash(algorithm, "\0no such user") : ha1s.get(algorithm);
        String ha2 = hash(algorithm, rs.method() + ":" + p.get("uri"));
        String expected = hash(algorithm, ha1 + ":" + p.get("nonce") + ":" + nc + ":" + p.get("cnonce") + ":auth:"
                + ha2);
        boolean same = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.get("response").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        return same && ha1s != null ? Optional.of(p.get("username")) : Optional.empty();
    }

    /** The request-target the client signed: raw path and query as sent. */
    private static String target(RequestScope rs) {
        String path = rs.rawPath().isEmpty() ? rs.path() : rs.rawPath().latin1();
        String query = rs.queryString().latin1();
        return query.isEmpty() ? path : path + "?" + query;
    }

    private CompletionStage<Void> challenge(RequestScope rs, Send send, boolean stale) {
        Headers headers = Headers.of("content-type", "text/plain; charset=utf-8");
        for (String algorithm : config.md5() ? List.of("SHA-256", "MD5") : List.of("SHA-256")) {
            headers = headers.with("www-authenticate", "Digest realm=\"" + config.realm() + "\", qop=\"auth\", "
                    + "algorithm=" + algorithm + ", nonce=\"" + nonces.issue() + "\"" + (stale ? ", stale=true" : ""));
        }
        return Refusal.send(rs, send, 401, headers, "Unauthorized");
    }

    /** Parses RFC 7235 auth-params ({@code name=token} or {@code name="quoted"}); empty when malformed or repeated. */
    static Optional<Map<String, String>> params(String text) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                return Optional.empty();
            }
            String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            if (!name.matches("[a-z0-9*_-]+")) {
                return Optional.empty();
            }
            i = eq + 1;
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    char c = text.charAt(i) == '\\' && i + 1 < n ? text.charAt(++i) : text.charAt(i);
                    value.append(c);
                    i++;
                }
                if (i >= n) {
                    return Optional.empty();   // unterminated quoted string
                }
                i++;
            } else {
                while (i < n && text.charAt(i) != ',' && text.charAt(i) != ' ') {
                    value.append(text.charAt(i++));
                }
            }
            if (out.put(name, value.toString()) != null) {
                return Optional.empty();
            }
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
                i++;
            }
        }
        return Optional.of(out);
    }

    /** @return the lower-case hex digest of the UTF-8 text with {@code SHA-256} or {@code MD5} */
    static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    /** Collects the options. Not thread-safe; build once. */
    public static final class Builder {
        private final Map<String, String> passwords = new HashMap<>();
        private String realm = "Restricted";
        private boolean md5 = true;
        private Duration nonceTtl = Duration.ofMinutes(5);
        private int maxTracked = 10_000;
        private byte[] secret;
        private final List<String> paths = new ArrayList<>();
        private final List<String> exclude = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * @param name     a user name (no '"' or ':')
         * @param password its password; only {@code H(user:realm:password)} is kept
         * @return this builder
         */
        public Builder user(String name, String password) {
            Objects.requireNonNull(password, "user password");
            if (Objects.requireNonNull(name, "user").contains("\"") || name.contains(":")) {
                throw new IllegalArgumentException("user: a Digest user name cannot contain '\"' or ':', got '"
                        + name + "'");
            }
            passwords.put(name, password);
            return this;
        }

        /**
         * @param value the realm in the challenge and the hashes (default {@code Restricted})
         * @return this builder
         */
        public Builder realm(String value) {
            realm = Objects.requireNonNull(value, "realm");
            return this;
        }

        /**
         * @param offer whether MD5 is offered and accepted besides SHA-256 (default true, for old clients)
         * @return this builder
         */
        public Builder md5(boolean offer) {
            md5 = offer;
            return this;
        }

        /**
         * @param value how long a nonce is accepted (default 5 min); after it, {@code stale=true}
         * @return this builder
         */
        public Builder nonceTtl(Duration value) {
            nonceTtl = Objects.requireNonNull(value, "nonceTtl");
            return this;
        }

        /**
         * @param value how many nonces the replay table holds (default 10,000); beyond it the oldest go stale
         * @return this builder
         */
        public Builder maxTracked(int value) {
            maxTracked = value;
            return this;
        }

        /**
         * @param value the nonce HMAC key, 32 bytes or more (default: random per instance)
         * @return this builder
         */
        public Builder secret(byte[] value) {
            secret = Objects.requireNonNull(value, "secret").clone();
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
         * @param prefix a path prefix left open
         * @return this builder
         */
        public Builder exclude(String prefix) {
            exclude.add(Objects.requireNonNull(prefix, "exclude"));
            return this;
        }

        /**
         * @param value the time source for nonces (default the system's UTC clock)
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalArgumentException naming the option when the configuration is refused
         */
        public AuthDigest build() {
            AuthPaths.checkRealm(realm);
            Map<String, Map<String, String>> users = new HashMap<>();
            passwords.forEach((name, password) -> users.put(name, Map.of(
                    "SHA-256", hash("SHA-256", name + ":" + realm + ":" + password),
                    "MD5", hash("MD5", name + ":" + realm + ":" + password))));
            byte[] key = secret;
            if (key == null) {
                key = new byte[32];
                new SecureRandom().nextBytes(key);
            }
            return new AuthDigest(new Config(users, realm, md5, nonceTtl, maxTracked, key, paths, exclude, clock));
        }
    }
}
