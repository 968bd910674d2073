package org.pagi.spec.server;

/**
 * HTTP's optional whitespace (OWS, RFC 9110 section 5.6.3): spaces and horizontal tabs only. {@link String#strip()}
 * would also take away characters that are not whitespace to HTTP, so field values are trimmed here.
 */
public final class Ows {
    private Ows() {
    }

    /** @return {@code s} without its leading and trailing spaces and tabs */
    public static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isOws(s.charAt(from))) {
            from++;
        }
        while (to > from && isOws(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }
}
