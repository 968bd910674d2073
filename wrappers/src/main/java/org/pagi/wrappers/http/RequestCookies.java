package org.pagi.wrappers.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.server.Ows;
import org.pagi.spec.server.PercentDecoder;
import org.pagi.spec.server.WhatwgUtf8;

/**
 * The cookies a client sent in its {@code Cookie} header fields, by name.
 *
 * <p>Lenient as RFC 6265 section 5.4 and upstream PAGI (Cookie::Baker) are: every {@code Cookie} field is read,
 * pairs are split on {@code ;}, spaces and tabs around names and values are dropped, a piece without {@code =} or
 * with an empty name is skipped, one pair of double quotes around a value is removed, and {@code %XX} escapes are
 * decoded as UTF-8 (invalid sequences become U+FFFD). For a repeated name the first value wins: browsers send the
 * cookie with the most specific path first. Parsing never fails. Immutable and thread-safe.
 */
public final class RequestCookies {
    private static final RequestCookies EMPTY = new RequestCookies(Map.of());

    private final Map<String, String> byName;

    private RequestCookies(Map<String, String> byName) {
        this.byName = byName;
    }

    /** @return the cookies of every {@code cookie} field of {@code headers} */
    public static RequestCookies parse(Headers headers) {
        return parse(headers.all("cookie"));
    }

    /** @return the cookies of these {@code Cookie} field values, in order */
    public static RequestCookies parse(List<String> cookieFieldValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String field : cookieFieldValues) {
            // name=value pieces split on ';' by index: this runs on every request of a cookie-based session
            for (int start = 0, end; start <= field.length(); start = end + 1) {
                end = field.indexOf(';', start);
                if (end < 0) {
                    end = field.length();
                }
                int eq = field.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    continue;
                }
                String name = decode(Ows.trim(field.substring(start, eq)));
                if (!name.isEmpty()) {
                    map.putIfAbsent(name, decode(unquote(Ows.trim(field.substring(eq + 1, end)))));
                }
            }
        }
        return map.isEmpty() ? EMPTY : new RequestCookies(Collections.unmodifiableMap(map));
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"' ? v.substring(1, v.length() - 1) : v;
    }

    /**
     * Header text holds one char per byte (ISO-8859-1), so chars up to 0xFF are taken as bytes; a caller's wider
     * chars are taken as their UTF-8. The bytes are then percent-decoded and read as UTF-8.
     */
    private static String decode(String text) {
        if (plainAscii(text)) {
            return text;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
        text.codePoints().forEach(c -> {
            if (c <= 0xFF) {
                bytes.write(c);
            } else {
                bytes.writeBytes(Character.toString(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return WhatwgUtf8.decodeReplacing(PercentDecoder.decode(Bytes.of(bytes.toByteArray()), false));
    }

    private static boolean plainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** @return the value of the cookie {@code name} (case-sensitive) */
    public Optional<String> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return the names, in the order the client sent them */
    public Set<String> names() {
        return byName.keySet();
    }

    /** @return name to value, in the order the client sent them; unmodifiable */
    public Map<String, String> asMap() {
        return byName;
    }

    /** @return how many distinct cookies there are */
    public int size() {
        return byName.size();
    }

    /** @return whether the client sent no cookie */
    public boolean isEmpty() {
        return byName.isEmpty();
    }

    @Override
    public String toString() {
        return "RequestCookies" + byName.keySet();
    }
}
