package org.pagi.middleware;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The content codings {@link Compression} can produce, and the choice among them for a request's
 * {@code Accept-Encoding} (RFC 9110 section 12.5.3).
 */
public enum ContentCoding {
    /** {@code gzip}: a deflate stream with a CRC-32 trailer. */
    GZIP("gzip"),
    /** {@code deflate}: a zlib (RFC 1950) wrapped deflate stream. */
    DEFLATE("deflate");

    private final String token;

    ContentCoding(String token) {
        this.token = token;
    }

    /** @return the token as written in {@code Content-Encoding} */
    public String token() {
        return token;
    }

    /**
     * Picks the coding to answer with. Each member is {@code coding[;q=value]}; a coding absent from the list is
     * acceptable only through {@code *}; {@code q=0} refuses it. The highest q wins and a tie goes to the earlier
     * coding in {@code offered}: gzip before deflate by default, because some clients historically sent or
     * expected raw deflate without the zlib wrapper, while every client decodes gzip the same way. No header, or
     * a header that accepts none of {@code offered}, means identity.
     *
     * @param acceptEncoding the request's {@code Accept-Encoding} field values (all lines)
     * @param offered        the codings this server may use, in order of preference
     * @return the coding to use, or empty for identity
     */
    public static Optional<ContentCoding> negotiate(List<String> acceptEncoding, List<ContentCoding> offered) {
        ContentCoding best = null;
        double bestQ = 0;
        for (ContentCoding coding : offered) {
            double q = quality(acceptEncoding, coding.token);
            if (q > bestQ) {
                best = coding;
                bestQ = q;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The q-value {@code accept} gives {@code token}: its own member first, else {@code *}, else 0. */
    static double quality(List<String> accept, String token) {
        double star = 0;
        boolean starSeen = false;
        for (String line : accept) {
            for (String member : line.split(",")) {
                String[] parts = member.split(";");
                String name = parts[0].strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                double q = qOf(parts);
                if (name.equals(token)) {
                    return q;
                }
                if (name.equals("*") && !starSeen) {
                    star = q;
                    starSeen = true;
                }
            }
        }
        return star;
    }

    /** The {@code q} parameter of a member, 1 when absent; malformed or out-of-range values count as 0. */
    private static double qOf(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.length() > 1 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                String v = p.substring(2).strip();
                if (!v.matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?")) {
                    return 0;
                }
                return Double.parseDouble(v);
            }
        }
        return 1;
    }
}
