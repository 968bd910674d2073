package org.pagi.testing.http;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One cookie as a {@link CookieJar} keeps it: the name-value pair of a {@code Set-Cookie} field and the attributes
 * RFC 6265 section 5.3 stores with it.
 *
 * <p>This is a plain value, so tests can compare whole cookies. It does not check the syntax of a name or value;
 * the jar does that where it takes input. Immutable and thread-safe.
 *
 * @param name     the cookie name, never empty
 * @param value    the cookie value, byte for byte as the server sent it (quotes included)
 * @param path     the cookie path, always starting with {@code /}
 * @param domain   the Domain attribute, lower case without a leading dot; the jar serves one host, so it is only kept
 * @param expires  when the cookie expires; empty for a session cookie
 * @param secure   whether the cookie is only sent over secure requests
 * @param httpOnly whether the server marked it HttpOnly (kept, nothing enforces it in a test client)
 * @param sameSite the SameSite attribute as sent (kept, nothing enforces it in a test client)
 */
public record Cookie(String name, String value, String path, Optional<String> domain, Optional<Instant> expires,
                     boolean secure, boolean httpOnly, Optional<String> sameSite) {

    /** Rejects nulls, an empty name and a path that does not start with {@code /}. */
    public Cookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(sameSite, "sameSite");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("cookie name is empty");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("cookie path must start with '/'");
        }
    }

    /** @return a session cookie with no attributes but {@code path} */
    public static Cookie of(String name, String value, String path) {
        return new Cookie(name, value, path, Optional.empty(), Optional.empty(), false, false, Optional.empty());
    }

    /** @return whether the cookie has expired at {@code now}: an expiry time not after {@code now} */
    public boolean isExpiredAt(Instant now) {
        return expires.isPresent() && !expires.get().isAfter(now);
    }
}
