package org.pagi.testing.http;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Headers;

/**
 * Keeps the cookies a test client receives in {@code Set-Cookie} response fields and sends them back in the
 * {@code Cookie} field of later requests, as a browser would (RFC 6265 sections 5.2 to 5.4).
 *
 * <p>The test client talks to one host, so there is no host matching: the Domain attribute is kept but never
 * checked, and there is no public-suffix list. Paths, expiry and the Secure flag are honoured. A cookie is keyed by
 * name and path; storing one with the same key replaces it but keeps its creation order (5.3 step 11), which is
 * the tie-break when ordering cookies. Time comes from the {@link Clock} given at construction, so expiry is
 * deterministic in tests.
 *
 * <p>Thread-safe: every method holds one private lock, so concurrent requests of a client may share a jar.
 */
public final class CookieJar {
    /** RFC 6265 5.4 step 2: longer paths first, then earlier creation. */
    private static final Comparator<Stored> SEND_ORDER = Comparator
            .comparingInt((Stored s) -> -s.cookie().path().length())
            .thenComparingLong(Stored::created);

    private final Clock clock;
    private final Object lock = new Object();
    private final Map<Key, Stored> cookies = new LinkedHashMap<>();
    private long nextCreated;

    /** Creates an empty jar that reads time from the system clock, in UTC. */
    public CookieJar() {
        this(Clock.systemUTC());
    }

    /** Creates an empty jar that reads time from {@code clock}. */
    public CookieJar(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Stores the cookies of every {@code set-cookie} field of {@code responseHeaders}, at the clock's time. */
    public void store(String requestPath, boolean secureRequest, Headers responseHeaders) {
        store(requestPath, secureRequest, responseHeaders, clock.instant());
    }

    /**
     * Stores the cookies of every {@code set-cookie} field of {@code responseHeaders}.
     *
     * <p>Malformed fields (no {@code =} in the first pair, an empty name) are ignored, as browsers do. A cookie that
     * is already expired at {@code now} (Max-Age of zero or less, Expires in the past) deletes the stored cookie
     * of the same name and path.
     *
     * @param requestPath   the path of the request that got this response, which gives the default cookie path
     * @param secureRequest whether that request went over a secure channel (https or wss)
     * @param now           the time Max-Age counts from and expiry is judged at
     */
    public void store(String requestPath, boolean secureRequest, Headers responseHeaders, Instant now) {
        Objects.requireNonNull(requestPath, "requestPath");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(responseHeaders, "responseHeaders");
        for (String line : responseHeaders.all("set-cookie")) {
            SetCookieParser.parse(line, requestPath, now).ifPresent(c -> put(c, secureRequest, now));
        }
    }

    private void put(Cookie cookie, boolean secureRequest, Instant now) {
        synchronized (lock) {
            if (!secureRequest && (cookie.secure() || shadowsSecureCookie(cookie))) {
                // RFC 6265bis 5.7 (steps 14 and 16): an insecure response can neither set a Secure cookie
                // nor overwrite one.
                return;
            }
            Key key = new Key(cookie.name(), cookie.path());
            if (cookie.isExpiredAt(now)) {
                cookies.remove(key);
                return;
            }
            Stored old = cookies.get(key);
            cookies.put(key, new Stored(cookie, old != null ? old.created() : nextCreated++));
        }
    }

    private boolean shadowsSecureCookie(Cookie cookie) {
        return cookies.values().stream().map(Stored::cookie).anyMatch(old -> old.secure()
                && old.name().equals(cookie.name())
                && SetCookieParser.pathMatches(old.path(), cookie.path()));
    }

    /** @return the {@code cookie} request field value for a request now, by the clock */
    public Optional<String> cookieHeader(String requestPath, boolean secureRequest) {
        return cookieHeader(requestPath, secureRequest, clock.instant());
    }

    /**
     * Builds the {@code cookie} request field value, such as {@code a=1; b=2}, per RFC 6265 section 5.4: only
     * cookies whose path matches, Secure ones only on secure requests, none expired at {@code now}; longer paths
     * first and, among equal paths, the earliest created first.
     *
     * @return the value, or empty when no cookie applies
     */
    public Optional<String> cookieHeader(String requestPath, boolean secureRequest, Instant now) {
        Objects.requireNonNull(requestPath, "requestPath");
        Objects.requireNonNull(now, "now");
        List<String> pairs = new ArrayList<>();
        for (Cookie c : live(now)) {
            if ((secureRequest || !c.secure()) && SetCookieParser.pathMatches(c.path(), requestPath)) {
                pairs.add(c.name() + "=" + c.value());
            }
        }
        return pairs.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", pairs));
    }

    /** Seeds a session cookie for every path, as {@code Set-Cookie: name=value; Path=/} would. */
    public void set(String name, String value) {
        set(name, value, "/");
    }

    /**
     * Seeds a session cookie by hand, as {@code Set-Cookie: name=value; Path=path} over a secure request would.
     *
     * @throws IllegalArgumentException if the name is empty or holds {@code =}, {@code ;}, whitespace or a control
     *                                  character, if the value holds {@code ;} or a control character, or if the
     *                                  path does not start with {@code /} or holds {@code ;}
     */
    public void set(String name, String value, String path) {
        checkSeed(name, value, path);
        put(Cookie.of(name, value, path), true, clock.instant());
    }

    private static void checkSeed(String name, String value, String path) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(path, "path");
        if (name.isEmpty() || name.chars().anyMatch(c -> c == '=' || c == ';' || c <= ' ' || c == 0x7F)) {
            throw new IllegalArgumentException("cookie name must be non-empty, without '=', ';', space or controls");
        }
        if (value.chars().anyMatch(c -> c == ';' || c < ' ' || c == 0x7F)) {
            throw new IllegalArgumentException("cookie value must not hold ';' or control characters");
        }
        if (!path.startsWith("/") || path.indexOf(';') >= 0) {
            throw new IllegalArgumentException("cookie path must start with '/' and not hold ';'");
        }
    }

    /**
     * @return the value of the live cookie named {@code name}; when several paths hold that name, the one that
     *         would be sent first (longest path, then earliest created)
     */
    public Optional<String> get(String name) {
        Objects.requireNonNull(name, "name");
        return live(clock.instant()).stream().filter(c -> c.name().equals(name)).map(Cookie::value).findFirst();
    }

    /** @return the live cookies by name, in send order; for a name held at several paths, the first one wins */
    public Map<String, String> asMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Cookie c : live(clock.instant())) {
            out.putIfAbsent(c.name(), c.value());
        }
        return Collections.unmodifiableMap(out);
    }

    /** @return every live cookie with all its attributes, in send order */
    public List<Cookie> cookies() {
        return live(clock.instant());
    }

    /** Forgets every cookie. */
    public void clear() {
        synchronized (lock) {
            cookies.clear();
        }
    }

    private List<Cookie> live(Instant now) {
        synchronized (lock) {
            return cookies.values().stream()
                    .filter(s -> !s.cookie().isExpiredAt(now))
                    .sorted(SEND_ORDER)
                    .map(Stored::cookie)
                    .toList();
        }
    }

    @Override
    public String toString() {
        return "CookieJar" + asMap();
    }

    /** RFC 6265 5.3 step 11 keys a cookie by name, domain and path; with one host, name and path suffice. */
    private record Key(String name, String path) {
    }

    private record Stored(Cookie cookie, long created) {
    }
}
