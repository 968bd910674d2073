package org.pagi.wrappers.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Header;

/**
 * One {@code Set-Cookie} header (RFC 6265), built as a value: {@code SetCookie.of("sid", id).withMaxAge(...)}.
 *
 * <p>Safe defaults: {@code Path=/}, {@code HttpOnly} and {@code SameSite=Lax}; {@code Secure} is off until set,
 * or set by {@link #secureFor(String)} when the request's scheme is {@code https} or {@code wss}. The value may be
 * any text: bytes outside RFC 6265's cookie-octets, and {@code %}, are written as {@code %XX} of their UTF-8, which
 * {@link RequestCookies} decodes back (as upstream PAGI's Cookie::Baker does). Names must be HTTP tokens; path and
 * domain may hold no control character or {@code ;}. Immutable; the {@code with} methods return a copy.
 *
 * @param name        the cookie's name, an HTTP token
 * @param value       the cookie's value, any text
 * @param path        the {@code Path} attribute, or empty to leave it out
 * @param domain      the {@code Domain} attribute, or empty to leave it out (a host-only cookie)
 * @param maxAge      the {@code Max-Age} attribute, whole seconds, not negative
 * @param expires     the {@code Expires} attribute
 * @param secure      whether {@code Secure} is written
 * @param httpOnly    whether {@code HttpOnly} is written
 * @param sameSite    the {@code SameSite} attribute, or empty to leave it out
 * @param partitioned whether {@code Partitioned} (CHIPS) is written; it needs {@code Secure}
 */
public record SetCookie(String name, String value, Optional<String> path, Optional<String> domain,
        Optional<Duration> maxAge, Optional<Instant> expires, boolean secure, boolean httpOnly,
        Optional<SameSite> sameSite, boolean partitioned) {

    /** Validates every part, so that no header can be built from a bad one. */
    public SetCookie {
        if (name == null || name.isEmpty() || !HeaderLists.isToken(name)) {
            throw new IllegalArgumentException("cookie name must be a non-empty HTTP token, got: " + name);
        }
        Objects.requireNonNull(value, "value");
        path.ifPresent(p -> checkAttribute("Path", p));
        domain.ifPresent(d -> checkAttribute("Domain", d));
        maxAge.ifPresent(m -> {
            if (m.isNegative()) {
                throw new IllegalArgumentException("cookie Max-Age must not be negative, got: " + m);
            }
        });
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(sameSite, "sameSite");
    }

    /** @return a cookie with the defaults: {@code Path=/}, {@code HttpOnly}, {@code SameSite=Lax}, session-only */
    public static SetCookie of(String name, String value) {
        return new SetCookie(name, value, Optional.of("/"), Optional.empty(), Optional.empty(), Optional.empty(),
                false, true, Optional.of(SameSite.LAX), false);
    }

    /**
     * @return a header that makes the browser delete {@code name}: an empty value, {@code Max-Age=0} and an
     *     {@code Expires} in 1970; give it the same path and domain as the cookie it deletes
     */
    public static SetCookie deletion(String name) {
        return of(name, "").withMaxAge(Duration.ZERO).withExpires(Instant.EPOCH);
    }

    /** @return a copy with this {@code Path}, or none when {@code path} is null */
    public SetCookie withPath(String path) {
        return new SetCookie(name, value, Optional.ofNullable(path), domain, maxAge, expires, secure, httpOnly, sameSite, partitioned);
    }

    /** @return a copy with this {@code Domain}, or none when {@code domain} is null */
    public SetCookie withDomain(String domain) {
        return new SetCookie(name, value, path, Optional.ofNullable(domain), maxAge, expires, secure, httpOnly, sameSite, partitioned);
    }

    /** @return a copy with this {@code Max-Age} (whole seconds are written), or none when null */
    public SetCookie withMaxAge(Duration maxAge) {
        return new SetCookie(name, value, path, domain, Optional.ofNullable(maxAge), expires, secure, httpOnly, sameSite, partitioned);
    }

    /** @return a copy with this {@code Expires}, or none when null */
    public SetCookie withExpires(Instant expires) {
        return new SetCookie(name, value, path, domain, maxAge, Optional.ofNullable(expires), secure, httpOnly, sameSite, partitioned);
    }

    /** @return a copy with {@code Secure} on or off */
    public SetCookie withSecure(boolean secure) {
        return new SetCookie(name, value, path, domain, maxAge, expires, secure, httpOnly, sameSite, partitioned);
    }

    /** @return a copy that is {@code Secure} when {@code scheme} (the scope's) is {@code https} or {@code wss} */
    public SetCookie secureFor(String scheme) {
        return withSecure("https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme));
    }

    /** @return a copy with {@code HttpOnly} on or off */
    public SetCookie withHttpOnly(boolean httpOnly) {
        return new SetCookie(name, value, path, domain, maxAge, expires, secure, httpOnly, sameSite, partitioned);
    }

    /** @return a copy with this {@code SameSite}, or none when null */
    public SetCookie withSameSite(SameSite sameSite) {
        return new SetCookie(name, value, path, domain, maxAge, expires, secure, httpOnly, Optional.ofNullable(sameSite), partitioned);
    }

    /** @return a copy with {@code Partitioned} on or off */
    public SetCookie withPartitioned(boolean partitioned) {
        return new SetCookie(name, value, path, domain, maxAge, expires, secure, httpOnly, sameSite, partitioned);
    }

    /**
     * @return the header's value, such as {@code sid=abc; Path=/; HttpOnly; SameSite=Lax}
     * @throws IllegalStateException for {@code SameSite=None} or {@code Partitioned} without {@code Secure},
     *     which browsers reject
     */
    public String headerValue() {
        if (!secure && sameSite.orElse(null) == SameSite.NONE) {
            throw new IllegalStateException("cookie " + name + ": SameSite=None requires Secure");
        }
        if (!secure && partitioned) {
            throw new IllegalStateException("cookie " + name + ": Partitioned requires Secure");
        }
        StringBuilder out = new StringBuilder(name).append('=');
        appendEncoded(out, value);
        path.ifPresent(p -> out.append("; Path=").append(p));
        domain.ifPresent(d -> out.append("; Domain=").append(d));
        maxAge.ifPresent(m -> out.append("; Max-Age=").append(m.toSeconds()));
        expires.ifPresent(e -> out.append("; Expires=").append(HttpDate.format(e)));
        if (secure) {
            out.append("; Secure");
        }
        if (httpOnly) {
            out.append("; HttpOnly");
        }
        sameSite.ifPresent(s -> out.append("; SameSite=").append(s.text()));
        if (partitioned) {
            out.append("; Partitioned");
        }
        return out.toString();
    }

    /** @return the {@code set-cookie} header field */
    public Header asHeader() {
        return Header.of("set-cookie", headerValue());
    }

    private static void appendEncoded(StringBuilder out, String value) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isCookieOctet(c) && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
    }

    /** RFC 6265 section 4.1.1: US-ASCII without controls, whitespace, DQUOTE, comma, semicolon and backslash. */
    private static boolean isCookieOctet(int c) {
        return c >= 0x21 && c <= 0x7E && c != '"' && c != ',' && c != ';' && c != '\\';
    }

    private static void checkAttribute(String attribute, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == ';') {
                throw new IllegalArgumentException("cookie " + attribute + " may not contain control characters, "
                        + "non-ASCII or ';', got: " + text);
            }
        }
    }
}
