package org.pagi.middleware;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.http.ClientError;
import org.pagi.wrappers.http.RequestCookies;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.websocket.OriginCheck;
import org.pagi.wrappers.routing.Refusal;
import org.pagi.wrappers.routing.PathPrefixes;

/**
 * Cross-site request forgery protection for http requests whose method is not safe (safe: GET, HEAD, OPTIONS,
 * TRACE). Two checks, in order, each answered 403 {@code text/plain} naming what failed:
 * <ol>
 * <li>where the browser says the request comes from: {@code Sec-Fetch-Site}, else {@code Origin}, else
 * {@code Referer}, against the request's own origin and the trusted origins (see the README); applied to every
 * unsafe request, since only browsers send these headers;</li>
 * <li>for requests carrying a {@code Cookie} header (ambient credentials), a token in the header
 * {@code X-CSRF-Token} or the form field {@code _csrf_token} (url-encoded or multipart, read through the wrappers'
 * shared body so the handler can read it again). The token is an HMAC bound to the {@link Session}'s id when a
 * session that is kept runs outside, else to the random value of the CSRF cookie; it is compared in constant time
 * and may be sent any number of times.</li>
 * </ol>
 * Handlers read the token with {@link #token(Scope)} (scope attribute {@value #ATTRIBUTE}); each call gives a
 * differently masked form of it. A safe request without the CSRF cookie gets it ({@code HttpOnly},
 * {@code SameSite=Lax}, {@code Secure} and the {@code __Host-} prefix on https). Exempt paths skip both checks.
 * WebSocket, sse and lifespan scopes pass through untouched: guard WebSocket handshakes with
 * {@link WebSocketOrigin}.
 */
public final class Csrf implements Middleware {

    /** The scope attribute holding the token's source, a {@code Supplier<String>}; read it with {@link #token}. */
    public static final String ATTRIBUTE = "pagi.csrf_token";

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * The settings (the secret is kept apart).
     *
     * @param headerName     the request header carrying the token, lower case
     * @param formField      the form field carrying the token
     * @param cookie         the CSRF cookie (its name, before the {@code __Host-} prefix)
     * @param cookieMaxAge   how long the browser keeps the CSRF cookie
     * @param safeMethods    methods never checked, a subset of GET, HEAD, OPTIONS, TRACE
     * @param trustedOrigins origins allowed besides the request's own, {@code scheme://host[:port]}
     * @param allowSameSite  whether {@code Sec-Fetch-Site: same-site} passes the first check
     * @param exempt         path prefixes (segment boundary) never checked
     * @param exemptIf       requests never checked, besides {@code exempt}
     */
    public record Config(String headerName, String formField, SessionState.CookieState cookie, Duration cookieMaxAge,
            Set<String> safeMethods, List<String> trustedOrigins, boolean allowSameSite, List<String> exempt,
            Predicate<HttpScope> exemptIf) {
        /** Refuses a missing value, an unsafe method taken as safe and prefixes not starting with '/'. */
        public Config {
            Objects.requireNonNull(headerName, "headerName");
            Objects.requireNonNull(formField, "formField");
            Objects.requireNonNull(cookie, "cookie");
            Objects.requireNonNull(cookieMaxAge, "cookieMaxAge");
            Objects.requireNonNull(exemptIf, "exemptIf");
            safeMethods = Set.copyOf(safeMethods);
            for (String m : safeMethods) {
                if (!SAFE.contains(m)) {
                    throw new IllegalArgumentException("safeMethods: " + m
                            + " is not safe; only GET, HEAD, OPTIONS and TRACE may skip the check");
                }
            }
            trustedOrigins = List.copyOf(trustedOrigins);
            exempt = PathPrefixes.check(exempt, "exempt");
        }
    }

    private final Config config;
    private final CsrfTokens tokens;
    private final CsrfSite site;

    private Csrf(Config config, CsrfTokens tokens) {
        this.config = config;
        this.tokens = tokens;
        OriginCheck trusted;
        try {
            trusted = config.trustedOrigins().isEmpty() ? null
                    : OriginCheck.allowing(config.trustedOrigins().toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trustedOrigins: " + e.getMessage(), e);
        }
        this.site = new CsrfSite(Optional.ofNullable(trusted), config.allowSameSite());
    }

    /** @return a builder; {@link Builder#secret(String)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param scope a scope that went through this middleware
     * @return the CSRF token to put in a form's hidden {@code _csrf_token} field or a page's meta tag, freshly
     *     masked; empty for scopes this middleware does not act on
     */
    public static Optional<String> token(Scope scope) {
        return scope instanceof RequestScope r
                ? r.attribute(ATTRIBUTE).filter(Supplier.class::isInstance).map(s -> (String) ((Supplier<?>) s).get())
                : Optional.empty();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        Objects.requireNonNull(next, "next");
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                return next.call(scope, receive, send);
            }
            Optional<String> cookie = config.cookie().read(http).filter(CsrfTokens::isCookieValue);
            String cookieValue = cookie.orElseGet(CsrfTokens::newCookieValue);
            Supplier<String> token = () -> tokens.mint(binding(http).orElse(CsrfTokens.cookieBinding(cookieValue)));
            HttpScope withToken = http.withAttribute(ATTRIBUTE, token);
            if (config.safeMethods().contains(http.method())) {
                return next.call(withToken, receive, cookie.isPresent() ? send : withCookie(http, cookieValue, send));
            }
            if (PathPrefixes.covers(config.exempt(), http.path()) || config.exemptIf().test(http)) {
                return next.call(withToken, receive, send);
            }
            Optional<String> crossSite = site.refusal(http);
            if (crossSite.isPresent()) {
                return refuse(http, send, "cross-site request (" + crossSite.get() + ")");
            }
            if (!http.headers().contains("cookie")) {
                return next.call(withToken, receive, send); // no ambient credentials to abuse
            }
            return submitted(http, receive).handle((submittedToken, failure) -> failure != null
                    ? unreadable(http, send, failure)
                    : check(http, submittedToken, cookie).map(reason -> refuse(http, send, reason))
                            .orElseGet(() -> next.call(withToken, receive, send)))
                    .thenCompose(stage -> stage);
        };
    }

    /** @return the session binding when a session that is (or will be) stored runs outside, else empty */
    private static Optional<String> binding(HttpScope http) {
        return Session.of(http).filter(s -> !s.isNew() || !s.keys().isEmpty())
                .map(s -> CsrfTokens.sessionBinding(s.id()));
    }

    /** @return why the submitted token fails, or empty when it passes */
    private Optional<String> check(HttpScope http, Optional<String> submitted, Optional<String> cookie) {
        if (submitted.isEmpty()) {
            return Optional.of("missing token: send it in the " + config.headerName() + " header or the "
                    + config.formField() + " form field");
        }
        Optional<String> binding = binding(http).or(() -> cookie.map(CsrfTokens::cookieBinding));
        if (binding.isEmpty()) {
            return Optional.of("missing token cookie: load a page of this site first");
        }
        return tokens.accepts(submitted.get(), binding.get()) ? Optional.empty() : Optional.of("bad token");
    }

    /** @return the token from the header, else from a url-encoded or multipart body's field, else empty */
    private CompletionStage<Optional<String>> submitted(HttpScope http, Receive receive) {
        Optional<String> header = http.headers().first(config.headerName()).map(String::strip)
                .filter(s -> !s.isEmpty());
        if (header.isPresent()) {
            return CompletableFuture.completedFuture(header);
        }
        Request request = Request.of(http, receive);
        String type = request.contentType().map(t -> t.essence()).orElse("");
        return switch (type) {
            case "application/x-www-form-urlencoded" -> request.form().thenApply(f -> f.get(config.formField()));
            case "multipart/form-data" -> request.multipart().thenApply(f -> f.field(config.formField()));
            default -> CompletableFuture.completedFuture(Optional.empty());
        };
    }

    private CompletionStage<Void> unreadable(HttpScope http, Send send, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ClientError error && error.status() >= 400 && error.status() <= 499) {
            return Refusal.text(http, send, error.status(), cause.getMessage());
        }
        return CompletableFuture.failedFuture(cause);
    }

    private static CompletionStage<Void> refuse(HttpScope http, Send send, String reason) {
        return Refusal.text(http, send, 403, "CSRF check failed: " + reason);
    }

    /** Adds the CSRF cookie to the response start; every other event passes as it comes. */
    private Send withCookie(HttpScope http, String value, Send send) {
        return event -> event instanceof HttpResponseStart start
                ? send.send(new HttpResponseStart(start.status(),
                        config.cookie().write(start.headers(), http, value, config.cookieMaxAge()), start.trailers()))
                : send.send(event);
    }

    /** Collects the options; {@link #build()} checks them, naming the option. Not thread-safe; build once. */
    public static final class Builder {
        private byte[] secret;
        private String headerName = "x-csrf-token";
        private String formField = "_csrf_token";
        private String cookieName = "csrf_token";
        private Duration cookieMaxAge = Duration.ofDays(365);
        private final Set<String> safeMethods = new LinkedHashSet<>(List.of("GET", "HEAD", "OPTIONS", "TRACE"));
        private final List<String> trustedOrigins = new ArrayList<>();
        private boolean allowSameSite;
        private final List<String> exempt = new ArrayList<>();
        private Predicate<HttpScope> exemptIf = scope -> false;

        private Builder() {
        }

        /**
         * @param value the key material, at least 32 bytes (UTF-8), from a secure random source; tokens are HMACs
         *              under a key derived from it, so changing it invalidates every token
         * @return this builder
         */
        public Builder secret(String value) {
            secret = Hkdf.secret("secret", value);
            return this;
        }

        /**
         * @param value the request header carrying the token (default {@code X-CSRF-Token})
         * @return this builder
         */
        public Builder headerName(String value) {
            headerName = Tokens.headerName("headerName", value);
            return this;
        }

        /**
         * @param value the form field carrying the token (default {@code _csrf_token})
         * @return this builder
         */
        public Builder formField(String value) {
            Objects.requireNonNull(value, "formField");
            if (value.isEmpty()) {
                throw new IllegalArgumentException("formField must not be empty");
            }
            formField = value;
            return this;
        }

        /**
         * @param value the CSRF cookie's name, an HTTP token not starting with {@code __} (default
         *              {@code csrf_token}; {@code __Host-csrf_token} on https)
         * @return this builder
         */
        public Builder cookieName(String value) {
            Objects.requireNonNull(value, "cookieName");
            cookieName = value;
            return this;
        }

        /**
         * @param value how long the browser keeps the CSRF cookie, positive (default 365 days, so a form left
         *              open across a browser restart still posts)
         * @return this builder
         */
        public Builder cookieMaxAge(Duration value) {
            Objects.requireNonNull(value, "cookieMaxAge");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("cookieMaxAge must be positive, got " + value);
            }
            cookieMaxAge = value;
            return this;
        }

        /**
         * @param methods the methods never checked, replacing the default GET, HEAD, OPTIONS, TRACE; only a subset
         *                of those is accepted
         * @return this builder
         */
        public Builder safeMethods(String... methods) {
            safeMethods.clear();
            safeMethods.addAll(List.of(methods));
            return this;
        }

        /**
         * @param origin an origin, {@code scheme://host[:port]}, whose unsafe requests pass the first check even
         *               when cross-site (a front end on another host); the token is still required
         * @return this builder
         */
        public Builder trustedOrigin(String origin) {
            trustedOrigins.add(Objects.requireNonNull(origin, "trustedOrigin"));
            return this;
        }

        /**
         * @param on whether {@code Sec-Fetch-Site: same-site} (a sibling subdomain) passes the first check
         *           (default false: a sibling subdomain may be less trusted; list it with {@link #trustedOrigin})
         * @return this builder
         */
        public Builder allowSameSite(boolean on) {
            allowSameSite = on;
            return this;
        }

        /**
         * @param prefix a path prefix (segment boundary) whose requests are never checked, e.g. a webhook
         * @return this builder
         */
        public Builder exempt(String prefix) {
            exempt.add(Objects.requireNonNull(prefix, "exempt"));
            return this;
        }

        /**
         * @param predicate requests never checked, besides the {@link #exempt} prefixes; must be thread-safe
         * @return this builder
         */
        public Builder exemptIf(Predicate<HttpScope> predicate) {
            exemptIf = Objects.requireNonNull(predicate, "exemptIf");
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalArgumentException naming the option: no {@code secret}, a bad {@code cookieName}, an
         *     unsafe method in {@code safeMethods}, a non-origin in {@code trustedOrigins}, a prefix in
         *     {@code exempt} not starting with '/'
         */
        public Csrf build() {
            if (secret == null) {
                throw new IllegalArgumentException("secret is required (at least 32 bytes)");
            }
            SessionState.CookieState cookie;
            try {
                cookie = (SessionState.CookieState) SessionState.cookie(cookieName);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cookieName: " + e.getMessage(), e);
            }
            return new Csrf(new Config(headerName, formField, cookie, cookieMaxAge, safeMethods, trustedOrigins,
                    allowSameSite, exempt, exemptIf), new CsrfTokens(secret));
        }
    }
}
