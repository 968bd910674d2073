package org.pagi.middleware;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.wrappers.http.RequestCookies;
import org.pagi.wrappers.http.SetCookie;

/**
 * Where a {@link Session}'s token travels between client and server: a cookie (the default), a request/response
 * header, or an {@code Authorization: Bearer} token. Implementations must be thread-safe.
 */
public interface SessionState {

    /** Browsers silently drop a cookie whose {@code name=value} is longer than this many bytes. */
    int MAX_COOKIE_BYTES = 4093;

    /**
     * @param scope the request
     * @return the token the client sent, if any
     */
    Optional<String> read(RequestScope scope);

    /**
     * @param response the response headers
     * @param scope    the request
     * @param token    the token the client must send from now on
     * @param maxAge   how long the token may live at most
     * @return the response headers carrying the token
     */
    Headers write(Headers response, RequestScope scope, String token, Duration maxAge);

    /**
     * @param response the response headers
     * @param scope    the request
     * @return the response headers telling the client to forget its token
     */
    Headers clear(Headers response, RequestScope scope);

    /**
     * A cookie, {@code HttpOnly} and {@code SameSite=Lax}, {@code Path=/}; {@code Secure} when the request's scheme
     * is https (or wss), and then named {@code __Host-<name>} (the browser guarantees such a cookie was set over
     * https by this host, without {@code Domain}).
     *
     * @param name the cookie name (an HTTP token), before the {@code __Host-} prefix
     * @return the state; {@link CookieState#insecure()} makes it go without {@code Secure}
     */
    static CookieState cookie(String name) {
        Objects.requireNonNull(name, "cookie name");
        if (!Tokens.isToken(name) || name.startsWith("__")) {
            throw new IllegalArgumentException("cookie name: '" + name
                    + "' is not a token or starts with __ (the __Host- prefix is added when possible)");
        }
        return new CookieState(name);
    }

    /**
     * A header: read from the request and written to the response (for clients that keep the token themselves).
     *
     * @param name the header name
     * @return the state
     */
    static SessionState header(String name) {
        return new HeaderState(Tokens.headerName("header", name), false);
    }

    /**
     * Read from {@code Authorization: Bearer <token>}; a new token is written to the response header
     * {@code responseHeader}.
     *
     * @param responseHeader the response header carrying a new token
     * @return the state
     */
    static SessionState bearer(String responseHeader) {
        return new HeaderState(Tokens.headerName("responseHeader", responseHeader), true);
    }

    /**
     * The cookie state; see {@link SessionState#cookie(String)}.
     *
     * @param name          the cookie name, before the {@code __Host-} prefix
     * @param withoutSecure whether the cookie goes without {@code Secure} (and so without the prefix) even over https
     */
    record CookieState(String name, boolean withoutSecure) implements SessionState {
        /** Checks the name is present. */
        public CookieState {
            Objects.requireNonNull(name, "name");
        }

        /** @param name the cookie name, before the {@code __Host-} prefix; {@code Secure} on https */
        public CookieState(String name) {
            this(name, false);
        }

        /**
         * For a deployment whose https is terminated where the application cannot tell (no {@code ProxyHeaders}) and
         * whose clients must also reach it over plain http. {@link MiddlewareStack} refuses it next to HSTS.
         *
         * @return this state with the cookie never marked {@code Secure} nor {@code __Host-} prefixed
         */
        public CookieState insecure() {
            return new CookieState(name, true);
        }

        private boolean secure(RequestScope scope) {
            return !withoutSecure
                    && ("https".equalsIgnoreCase(scope.scheme()) || "wss".equalsIgnoreCase(scope.scheme()));
        }

        private String nameFor(RequestScope scope) {
            return secure(scope) ? "__Host-" + name : name;
        }

        @Override
        public Optional<String> read(RequestScope scope) {
            return RequestCookies.parse(scope.headers()).get(nameFor(scope));
        }

        @Override
        public Headers write(Headers response, RequestScope scope, String token, Duration maxAge) {
            String cookieName = nameFor(scope);
            int size = cookieName.length() + 1 + token.length();
            if (size > MAX_COOKIE_BYTES) {
                throw new IllegalStateException("session cookie would be " + size + " bytes, over the "
                        + MAX_COOKIE_BYTES + " browsers keep: store less in the session or use a server-side store");
            }
            SetCookie cookie = SetCookie.of(cookieName, token).withMaxAge(maxAge).withSecure(secure(scope));
            return response.with(cookie.asHeader());
        }

        @Override
        public Headers clear(Headers response, RequestScope scope) {
            return response.with(SetCookie.deletion(nameFor(scope)).withSecure(secure(scope)).asHeader());
        }
    }

    /**
     * The header and bearer states; see {@link SessionState#header(String)} and {@link SessionState#bearer(String)}.
     *
     * @param name   the header a new token is written to (and, unless {@code bearer}, read from)
     * @param bearer whether the token is read from {@code Authorization: Bearer}
     */
    record HeaderState(String name, boolean bearer) implements SessionState {
        /** Checks the name is present. */
        public HeaderState {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public Optional<String> read(RequestScope scope) {
            Optional<String> value = bearer
                    ? scope.headers().first("authorization").map(String::strip)
                            .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7)).map(v -> v.substring(7))
                    : scope.headers().first(name);
            return value.map(String::strip).filter(s -> !s.isEmpty());
        }

        @Override
        public Headers write(Headers response, RequestScope scope, String token, Duration maxAge) {
            return response.replace(name, token);
        }

        @Override
        public Headers clear(Headers response, RequestScope scope) {
            return response.replace(name, "");
        }
    }
}
