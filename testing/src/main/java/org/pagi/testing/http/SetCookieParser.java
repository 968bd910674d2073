package org.pagi.testing.http;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pagi.spec.server.Ows;

/**
 * Parses one {@code Set-Cookie} field value into a {@link Cookie}, following RFC 6265 section 5.2, and holds the
 * path rules of section 5.1.4.
 *
 * <p>It does not store anything or decide about deletion: an expiry in the past comes back as a cookie whose
 * {@link Cookie#isExpiredAt} is true, and {@link CookieJar} removes it. Stateless and thread-safe.
 */
final class SetCookieParser {
    private static final Pattern MAX_AGE = Pattern.compile("-?[0-9]+");
    /** Stands for "the earliest representable date and time" of RFC 6265 5.2.2. */
    static final Instant EARLIEST = Instant.MIN;

    private SetCookieParser() {
    }

    /**
     * @param line        a {@code Set-Cookie} field value
     * @param requestPath the path of the request the response answered, for the default path
     * @param now         the time Max-Age counts from
     * @return the cookie, or empty when the line is malformed and must be ignored
     */
    static Optional<Cookie> parse(String line, String requestPath, Instant now) {
        int semicolon = line.indexOf(';');
        String pair = semicolon < 0 ? line : line.substring(0, semicolon);
        int eq = pair.indexOf('=');
        if (eq < 0) {
            return Optional.empty(); // 5.2 step 2: a name-value-pair without '=' is ignored
        }
        String name = Ows.trim(pair.substring(0, eq));
        String value = Ows.trim(pair.substring(eq + 1));
        if (name.isEmpty()) {
            return Optional.empty(); // 5.2 step 5
        }
        Attributes a = new Attributes(defaultPath(requestPath));
        if (semicolon >= 0) {
            for (String attribute : line.substring(semicolon + 1).split(";", -1)) {
                a.apply(attribute, now);
            }
        }
        // 5.3 step 3: Max-Age, when present, wins over Expires whatever their order.
        Optional<Instant> expires = a.maxAge.or(() -> a.expires);
        return Optional.of(new Cookie(name, value, a.path, a.domain, expires, a.secure, a.httpOnly, a.sameSite));
    }

    /** The default-path of RFC 6265 section 5.1.4. */
    static String defaultPath(String requestPath) {
        String path = stripQuery(requestPath);
        if (path.isEmpty() || path.charAt(0) != '/') {
            return "/";
        }
        int last = path.lastIndexOf('/');
        return last == 0 ? "/" : path.substring(0, last);
    }

    /** Path-match of RFC 6265 section 5.1.4: {@code /a} matches {@code /a} and {@code /a/b}, not {@code /ab}. */
    static boolean pathMatches(String cookiePath, String requestPath) {
        String path = stripQuery(requestPath);
        if (path.isEmpty()) {
            path = "/";
        }
        if (!path.startsWith(cookiePath)) {
            return false;
        }
        return path.length() == cookiePath.length()
                || cookiePath.endsWith("/")
                || path.charAt(cookiePath.length()) == '/';
    }

    /** The request path may come with its query or fragment; neither takes part in cookie paths. */
    private static String stripQuery(String requestPath) {
        int cut = requestPath.length();
        int q = requestPath.indexOf('?');
        int h = requestPath.indexOf('#');
        if (q >= 0) {
            cut = q;
        }
        if (h >= 0 && h < cut) {
            cut = h;
        }
        return requestPath.substring(0, cut);
    }

    /** The attributes seen so far; a later attribute of the same name replaces an earlier one (5.3 step 3). */
    private static final class Attributes {
        final String defaultPath;
        String path;
        Optional<String> domain = Optional.empty();
        Optional<Instant> maxAge = Optional.empty();
        Optional<Instant> expires = Optional.empty();
        boolean secure;
        boolean httpOnly;
        Optional<String> sameSite = Optional.empty();

        Attributes(String defaultPath) {
            this.defaultPath = defaultPath;
            this.path = defaultPath;
        }

        void apply(String attribute, Instant now) {
            int eq = attribute.indexOf('=');
            String name = Ows.trim(eq < 0 ? attribute : attribute.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : Ows.trim(attribute.substring(eq + 1));
            switch (name) {
                case "expires" -> CookieDates.parse(value).ifPresent(t -> expires = Optional.of(t)); // 5.2.1
                case "max-age" -> maxAge(value, now).ifPresent(t -> maxAge = Optional.of(t));
                case "domain" -> {
                    // 5.2.3: an empty Domain is ignored; a leading dot is dropped.
                    if (!value.isEmpty()) {
                        String d = value.startsWith(".") ? value.substring(1) : value;
                        domain = Optional.of(d.toLowerCase(Locale.ROOT));
                    }
                }
                // 5.2.4: a Path that is empty or does not start with '/' means the default path.
                case "path" -> path = value.startsWith("/") ? value : defaultPath;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "samesite" -> sameSite = Optional.of(value);
                default -> {
                    // 5.2: unknown attributes are ignored.
                }
            }
        }

        /** 5.2.2: a value that is not an optional '-' and digits is ignored; zero or less means "already expired". */
        private static Optional<Instant> maxAge(String value, Instant now) {
            if (!MAX_AGE.matcher(value).matches()) {
                return Optional.empty();
            }
            String digits = value.startsWith("-") ? "0" : value.replaceFirst("^0+", "");
            if (digits.isEmpty() || digits.equals("0")) {
                return Optional.of(EARLIEST);
            }
            if (digits.length() > 18) {
                return Optional.of(Instant.MAX); // more seconds than a long holds: never expires in practice
            }
            long seconds = Long.parseLong(digits);
            long room = Instant.MAX.getEpochSecond() - now.getEpochSecond();
            return Optional.of(seconds < room ? now.plusSeconds(seconds) : Instant.MAX);
        }
    }
}
