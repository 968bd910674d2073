package org.pagi.testing.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pagi.spec.Bytes;
import org.pagi.spec.server.WhatwgUtf8;

/**
 * Encodes and decodes {@code application/x-www-form-urlencoded} data exactly as the WHATWG URL Standard
 * (section 5, "application/x-www-form-urlencoded") does, so a test sends what a browser form would send.
 *
 * <p>Serializing: text is UTF-8 encoded (a lone surrogate becomes U+FFFD first, as a USVString would), a space
 * becomes {@code +}, ASCII letters, digits and {@code *-._} stay, and every other byte becomes {@code %XX} in
 * upper-case hex. Parsing is the inverse and never fails: {@code +} is a space, a {@code %} not followed by two
 * hex digits is kept literally, and invalid UTF-8 becomes U+FFFD with the WHATWG decoder's error rules.
 *
 * <p>It knows nothing of charsets other than UTF-8 or of the {@code _charset_} convention. Stateless and
 * thread-safe.
 */
public final class FormEncoder {
    /** The media type of a form body. */
    public static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FormEncoder() {
    }

    /** @return the body for {@code fields}, in order; names may repeat */
    public static Bytes encode(List<Map.Entry<String, String>> fields) {
        return Bytes.ascii(encodeQuery(fields));
    }

    /** @return the body for {@code fields}, in the map's iteration order (insertion order for a LinkedHashMap) */
    public static Bytes encode(Map<String, String> fields) {
        return Bytes.ascii(encodeQuery(fields));
    }

    /** @return {@code fields} as a query string such as {@code a=1&b=x+y}, without a leading {@code ?} */
    public static String encodeQuery(List<Map.Entry<String, String>> fields) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> field : fields) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            appendEncoded(out, Objects.requireNonNull(field.getKey(), "field name"));
            out.append('=');
            appendEncoded(out, Objects.requireNonNull(field.getValue(), "field value"));
        }
        return out.toString();
    }

    /** @return {@code fields} as a query string, in the map's iteration order */
    public static String encodeQuery(Map<String, String> fields) {
        return encodeQuery(List.copyOf(fields.entrySet()));
    }

    /**
     * Parses a form body. Empty sequences between {@code &} are skipped; a sequence without {@code =} is a name
     * with an empty value.
     *
     * @return the fields in order, names possibly repeated; the list and its entries are immutable
     */
    public static List<Map.Entry<String, String>> decode(Bytes body) {
        byte[] in = body.toByteArray();
        List<Map.Entry<String, String>> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= in.length; i++) {
            if (i == in.length || in[i] == '&') {
                if (i > start) {
                    out.add(decodeSequence(in, start, i));
                }
                start = i + 1;
            }
        }
        return List.copyOf(out);
    }

    /** @return the fields of a query string (without its {@code ?}); non-ASCII chars are taken as UTF-8 */
    public static List<Map.Entry<String, String>> decodeQuery(String query) {
        return decode(Bytes.utf8(toScalarValues(query)));
    }

    private static Map.Entry<String, String> decodeSequence(byte[] in, int from, int to) {
        int eq = from;
        while (eq < to && in[eq] != '=') {
            eq++;
        }
        String name = percentDecode(in, from, eq);
        String value = eq < to ? percentDecode(in, eq + 1, to) : "";
        return Map.entry(name, value);
    }

    private static String percentDecode(byte[] in, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            int b = in[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%' && i + 2 < to && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                bytes.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else {
                bytes.write(b); // WHATWG percent-decode: a '%' without two hex digits stays as it is
            }
        }
        return WhatwgUtf8.decodeReplacing(bytes.toByteArray());
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
    }

    private static void appendEncoded(StringBuilder out, String text) {
        for (byte raw : toScalarValues(text).getBytes(StandardCharsets.UTF_8)) {
            int b = raw & 0xFF;
            if (b == ' ') {
                out.append('+');
            } else if (isKept(b)) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
    }

    /** The application/x-www-form-urlencoded percent-encode set leaves exactly these bytes alone. */
    private static boolean isKept(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '*' || b == '-' || b == '.' || b == '_';
    }

    /** Replaces each lone surrogate with U+FFFD, as converting to a WebIDL USVString does. */
    private static String toScalarValues(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
